// The HTML pages over real HTTP: the citizen's lookup pages (status codes,
// languages, escaping, no personal data), the staff pages' login and scope,
// the CSRF rule for cookie writes, security headers and asset caching. The
// same pages in a real browser: tests/browser.
#include <catch2/catch.hpp>

#include "checks.hpp"

using namespace tracker::test;

namespace {

bool has(const std::string& body, std::string_view needle) { return body.find(needle) != std::string::npos; }

// The session cookie ("tracker_session=…") of a form login.
std::string form_login(TestServer& server, const User& user) {
  auto r = server.request("POST", "/staff/login", "username=" + user.username + "&password=" + user.password + "&next=%2Fstaff",
                          "", Headers{{"Content-Type", "application/x-www-form-urlencoded"}});
  INFO(r.body);
  REQUIRE(r.status == 303);
  CHECK(r.header("location") == "/staff");
  auto cookie = r.header("set-cookie");
  return cookie.substr(0, cookie.find(';'));
}

// The CSRF token a staff page carries in <meta name="csrf-token">.
std::string csrf_of(const std::string& page) {
  const std::string marker = "name=\"csrf-token\" content=\"";
  auto at = page.find(marker);
  REQUIRE(at != std::string::npos);
  return page.substr(at + marker.size(), 64);
}

}  // namespace

TEST_CASE("the lookup form is Vietnamese first, English on request, with security headers", "[e2e][pages]") {
  TestServer server;
  auto home = server.get("/", "", Headers{{"Accept-Language", "en-US,en;q=0.9"}});
  REQUIRE(home.status == 200);
  CHECK(home.header("content-type") == "text/html; charset=utf-8");
  CHECK(has(home.body, "<html lang=\"vi\">"));
  CHECK(has(home.body, "Tra cứu"));
  CHECK(has(home.body, "<label for=\"code\">"));
  CHECK(has(home.body, "<main"));
  auto csp = home.header("content-security-policy");
  CHECK(has(csp, "script-src 'self'"));
  CHECK_FALSE(has(csp, "unsafe-inline"));
  CHECK(has(csp, "frame-ancestors 'none'"));
  CHECK(home.header("x-content-type-options") == "nosniff");
  CHECK(home.header("referrer-policy") == "same-origin");
  CHECK_FALSE(has(home.body, "style=\""));  // the CSP forbids inline styles
  CHECK_FALSE(has(home.body, "<script>"));  // and inline scripts

  auto en = server.get("/?lang=en", "");
  REQUIRE(en.status == 200);
  CHECK(has(en.body, "<html lang=\"en\">"));
  CHECK(has(en.body, "Track a dossier"));
  CHECK(has(en.header("set-cookie"), "tracker_lang=en"));
  // The cookie keeps the choice on the next page.
  auto again = server.get("/", "", Headers{{"Cookie", "tracker_lang=en"}});
  CHECK(has(again.body, "<html lang=\"en\">"));
}

TEST_CASE("the tracking page shows status, deadline and timeline and no personal data", "[e2e][pages]") {
  TestServer server;
  auto world = server.make_world();
  auto tn = server.create_dossier_shipment(world.postal.token);
  REQUIRE(server.scan(world.postal.token, tn, "accepted", hanoi_time_ago(std::chrono::hours(2))).status == 201);
  REQUIRE(server.scan(world.postal.token, tn, "dispatched", hanoi_time_ago(std::chrono::hours(1))).status == 201);

  // The form's target redirects to the normalised number, keeping phone_last4.
  auto typed = spaced_lower_case(tn);
  std::string query;
  for (char c : typed) query += c == ' ' ? std::string("+") : std::string(1, c);  // as a form sends it
  auto form = server.get("/track?code=" + query + "&phone_last4=5678", "");
  REQUIRE(form.status == 303);
  CHECK(form.header("location") == "/track/" + tn + "?phone_last4=5678");

  auto page = server.get("/track/" + tn, "");
  REQUIRE(page.status == 200);
  CHECK(has(page.body, "data-tracking-number=\"" + tn + "\""));
  CHECK(has(page.body, "data-status=\"in_transit\""));
  CHECK(has(page.body, "Đang vận chuyển"));
  CHECK(has(page.body, "class=\"due\""));
  CHECK(has(page.body, "<ol class=\"timeline\">"));
  CHECK(page.header("cache-control") == "no-store");
  for (auto secret : {kCitizenName, kCitizenPhone, kCitizenEmail, kCitizenAddressLine, kCitizenMaskedName,
                      std::string_view("5678"), kProcedureName}) {
    CAPTURE(secret);
    CHECK_FALSE(has(page.body, secret));
  }

  auto unlocked = server.get("/track/" + tn + "?phone_last4=5678", "");
  REQUIRE(unlocked.status == 200);
  CHECK(has(unlocked.body, "class=\"masked-name\">" + std::string(kCitizenMaskedName)));
  CHECK(has(unlocked.body, kProcedureName));
  CHECK_FALSE(has(unlocked.body, kCitizenName));
  CHECK_FALSE(has(unlocked.body, kCitizenPhone));

  auto wrong = server.get("/track/" + tn + "?phone_last4=0000", "");
  CHECK_FALSE(has(wrong.body, kCitizenMaskedName));
  CHECK(has(wrong.body, "không khớp"));

  auto en = server.get("/track/" + tn + "?lang=en", "");
  CHECK(has(en.body, "In transit"));
  CHECK(has(en.body, "<html lang=\"en\">"));
}

TEST_CASE("mistyped, unknown and hostile codes get a friendly page with the right status", "[e2e][pages]") {
  TestServer server;
  auto bad_digit = server.get("/track/EC136431859VN", "");
  CHECK(bad_digit.status == 422);
  CHECK(has(bad_digit.body, "chữ số kiểm tra"));
  CHECK(has(server.get("/track/EC136431859VN?lang=en", "").body, "check digit"));

  auto unknown = server.get("/track/EC136431858VN", "");
  CHECK(unknown.status == 404);
  CHECK(has(unknown.body, "Không tìm thấy"));

  auto hostile = server.get("/track/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E", "");
  CHECK(hostile.status == 422);
  CHECK_FALSE(has(hostile.body, "<img src=x"));
  CHECK_FALSE(has(hostile.body, "onerror"));  // what is no code is not echoed at all

  // A path that is no page gets a page too (the API keeps problem+json).
  auto nowhere = server.get("/track/a/b", "");
  CHECK(nowhere.status == 404);
  CHECK(has(nowhere.header("content-type"), "text/html"));
  CHECK(has(nowhere.body, "href=\"/\""));
  CHECK(has(server.get("/api/v1/nothing", "").header("content-type"), "application/problem+json"));

  auto empty = server.get("/track?code=", "");
  CHECK(empty.status == 400);
  CHECK(has(empty.body, "id=\"lookup-form\""));
}

TEST_CASE("assets are embedded and cached by version", "[e2e][pages]") {
  TestServer server;
  // Staff pages link the stylesheet; public pages carry it inline, allowed
  // by its hash in the CSP (one round trip less on a slow phone network).
  auto home = server.get("/staff/login", "");
  auto at = home.body.find("/assets/site.css?v=");
  REQUIRE(at != std::string::npos);
  auto url = home.body.substr(at, home.body.find('"', at) - at);
  auto css = server.get(url, "");
  REQUIRE(css.status == 200);
  CHECK(css.header("content-type") == "text/css; charset=utf-8");
  CHECK(has(css.header("cache-control"), "immutable"));
  auto etag = css.header("etag");
  REQUIRE_FALSE(etag.empty());
  CHECK(server.get("/assets/site.css", "", Headers{{"If-None-Match", etag}}).status == 304);
  CHECK(server.get("/assets/station.js", "").header("content-type") == "text/javascript; charset=utf-8");
  CHECK(server.get("/assets/nothing.js", "").status == 404);

  auto citizen = server.get("/", "");
  CHECK(citizen.body.find("<style>") != std::string::npos);
  CHECK(citizen.header("content-security-policy").find("'sha256-") != std::string::npos);
}

TEST_CASE("staff pages need a login, stay in scope, and cookie writes need the CSRF token", "[e2e][pages]") {
  TestServer server;
  auto world = server.make_world();
  auto tn = server.create_dossier_shipment(world.postal.token);

  auto anonymous = server.get("/staff/shipments/" + tn, "");
  CHECK(anonymous.status == 303);
  CHECK(anonymous.header("location") == "/staff/login?next=/staff/shipments/" + tn);

  auto wrong = server.request("POST", "/staff/login", "username=" + world.postal.username + "&password=nope", "",
                              Headers{{"Content-Type", "application/x-www-form-urlencoded"}});
  CHECK(wrong.status == 401);
  CHECK(has(wrong.body, "class=\"notice error\""));
  CHECK_FALSE(wrong.has_header("set-cookie"));

  // A login form posted from another site is refused.
  auto foreign = server.request("POST", "/staff/login",
                                "username=" + world.postal.username + "&password=" + world.postal.password, "",
                                Headers{{"Content-Type", "application/x-www-form-urlencoded"},
                                        {"Origin", "https://evil.example"}});
  CHECK(foreign.status == 403);

  // After login, `next` never leaves our staff pages.
  auto open_redirect = server.request(
      "POST", "/staff/login",
      "username=" + world.postal.username + "&password=" + world.postal.password + "&next=https%3A%2F%2Fevil.example",
      "", Headers{{"Content-Type", "application/x-www-form-urlencoded"}});
  CHECK(open_redirect.header("location") == "/staff");

  auto cookie = form_login(server, world.postal);
  auto page = server.get("/staff/shipments/" + tn, "", Headers{{"Cookie", cookie}});
  REQUIRE(page.status == 200);
  CHECK(has(page.body, kCitizenName));  // staff in scope see the citizen
  CHECK(has(page.body, "class=\"label-link"));
  CHECK(page.header("cache-control") == "no-store");

  // Another agency's clerk does not see the case at all.
  auto other = form_login(server, world.clerk_sn);
  auto hidden = server.get("/staff/shipments/" + tn, "", Headers{{"Cookie", other}});
  CHECK(hidden.status == 404);
  CHECK_FALSE(has(hidden.body, kCitizenName));
  // In the page's language, the service's English detail only marked as such.
  CHECK(has(hidden.body, "<h1>Không tìm thấy</h1>"));
  CHECK(has(hidden.body, "trong phạm vi đơn vị của bạn"));
  CHECK(has(hidden.body, "<p class=\"detail technical\" lang=\"en\">"));
  auto hidden_en = server.get("/staff/shipments/" + tn + "?lang=en", "", Headers{{"Cookie", other}});
  CHECK(has(hidden_en.body, "<h1>Not found</h1>"));

  // The station carries the CSRF token; a scan with the cookie needs it.
  auto station = server.get("/staff", "", Headers{{"Cookie", cookie}});
  REQUIRE(station.status == 200);
  CHECK(has(station.body, "id=\"scan-code\""));
  auto csrf = csrf_of(station.body);
  auto body = json::serialize(server.scan_body(world.postal.token, tn, "accepted", hanoi_time_ago(std::chrono::minutes(5))));
  auto refused = server.request("POST", "/api/v1/scans", body, "", Headers{{"Cookie", cookie}});
  check_problem(refused, 403);
  auto taken = server.request("POST", "/api/v1/scans", body, "", Headers{{"Cookie", cookie}, {"X-CSRF-Token", csrf}});
  INFO(taken.body);
  CHECK(taken.status == 201);

  // Logout is a form with the token; afterwards the cookie is dead.
  auto logout = server.request("POST", "/staff/logout", "csrf=" + csrf, "",
                               Headers{{"Cookie", cookie}, {"Content-Type", "application/x-www-form-urlencoded"}});
  CHECK(logout.status == 303);
  CHECK(server.get("/staff", "", Headers{{"Cookie", cookie}}).status == 303);
}

TEST_CASE("values are escaped on staff pages too", "[e2e][pages]") {
  TestServer server;
  auto world = server.make_world();
  auto tn = server.create_dossier_shipment(
      world.postal.token,
      json::object{{"citizen", json::object{{"name", "<img src=x onerror=alert(1)>"},
                                            {"phone", std::string(kCitizenPhone)},
                                            {"email", std::string(kCitizenEmail)},
                                            {"address", json::object{{"line", "\"><script>x()</script>"},
                                                                     {"commune", "Phường Đức Xuân"},
                                                                     {"province", "Bắc Kạn"}}}}}});
  auto cookie = form_login(server, world.postal);
  auto page = server.get("/staff/shipments/" + tn, "", Headers{{"Cookie", cookie}});
  REQUIRE(page.status == 200);
  CHECK_FALSE(has(page.body, "<img src=x"));
  CHECK_FALSE(has(page.body, "<script>x()"));
  CHECK(has(page.body, "&lt;img src=x onerror=alert(1)&gt;"));
}
