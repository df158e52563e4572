// Notifications (issue 4) end to end: the real server with its outbox
// dispatcher, delivering to real peers on 127.0.0.1 — a scripted HTTP SMS
// gateway and webhook receiver (tests/support/peers.hpp) and Debian's
// aiosmtpd — configured through TRACKER_* environment variables.
//
// Deliveries are awaited by polling with a deadline. The only fixed waits
// are the "settle" pauses after a delivery, where the thing checked is that
// nothing more happens (there is no event to await for an absence).
#include <signal.h>

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>
#include <functional>
#include <set>
#include <thread>

#include "checks.hpp"
#include "peers.hpp"

using namespace tracker::test;
using namespace std::chrono_literals;

namespace {

constexpr auto kDeadline = 15s;           // for one delivery, retries included
constexpr std::string_view kSmsSecret = "sms-gateway-secret-0123456789";
constexpr std::string_view kHookSecret = "agency-hook-secret-abcdefghij";
constexpr std::string_view kPhoneE164 = "+84912345678";
constexpr std::string_view kEmailFrom = "Bưu điện Bắc Kạn <noreply@example.vn>";

const json::object kRecipient{{"name", kCitizenName}, {"relation", "self"}, {"id_type", "cccd"}};

std::string track_link(std::string_view tn) {
  return std::string(kPublicUrl) + "/track/" + std::string(tn);
}

Environment sms_env(const HttpPeer& gateway) {
  return {{"TRACKER_SMS_URL", gateway.url("/sms")},
          {"TRACKER_SMS_SECRET", std::string(kSmsSecret)},
          {"TRACKER_NOTIFY_FIRST_RETRY_SECONDS", "1"}};
}

bool contains(std::string_view text, std::string_view needle) {
  return text.find(needle) != std::string_view::npos;
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool has_non_ascii(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) >= 128; });
}

// True when `text` holds the demo citizen's phone number in any spelling:
// 0912345678, +84912345678, 84 912 345 678, 0912.345.678, … Runs of digits
// with single separators (space . - + ( )) between them are joined and
// searched for the 9 national digits. A masked number ("+84 9** *** 678")
// does not match.
bool mentions_citizen_phone(std::string_view text) {
  const std::string national(kCitizenPhone.substr(1));  // "912345678"
  std::string digits;
  auto is_sep = [](char c) { return c == ' ' || c == '.' || c == '-' || c == '+' || c == '(' || c == ')'; };
  for (std::size_t i = 0; i <= text.size(); ++i) {
    char c = i < text.size() ? text[i] : '\0';
    if (std::isdigit(static_cast<unsigned char>(c))) {
      digits += c;
      continue;
    }
    if (is_sep(c) && !digits.empty() && i + 1 < text.size() &&
        std::isdigit(static_cast<unsigned char>(text[i + 1]))) {
      continue;
    }
    if (contains(digits, national)) return true;
    digits.clear();
  }
  return false;
}

// What of the demo citizen's personal data `text` shows (empty: nothing).
std::vector<std::string> citizen_data_in(std::string_view text) {
  std::vector<std::string> found;
  if (mentions_citizen_phone(text)) found.push_back("phone number");
  const std::string low = lower_ascii(text);
  for (std::string_view name : {"nguyễn văn an", "nguyen van an", "nguy\\u1ec5n", "v\\u0103n an",
                                "nguyễn văn", "văn an"}) {
    if (contains(low, name)) found.push_back("name (" + std::string(name) + ")");
  }
  // lower_ascii leaves UTF-8 alone: check the original capitalisation too.
  if (contains(text, kCitizenName)) found.push_back("name");
  for (std::string_view email : {"an@example.vn", "an%40example.vn", "an\\u0040example.vn"}) {
    if (contains(low, email)) found.push_back("e-mail (" + std::string(email) + ")");
  }
  for (std::string_view address : {"hoa sữa", "hoa sua", "Hoa Sữa"}) {
    if (contains(low, address) || contains(text, address)) found.push_back("address line");
  }
  return found;
}

void check_log_keeps_citizens_private(const TestServer& server) {
  const auto log = server.log();
  INFO("server log:\n" << log.substr(0, 4000));
  CHECK(contains(log, "listening on http://127.0.0.1:"));  // the log is the server's
  CHECK(citizen_data_in(log).empty());
}

// Polls `done` every 50 ms until it holds or `timeout` passes.
bool wait_until(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (done()) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(50ms);
  }
}

// The dispatcher's idle polls so far (tracker_dispatcher_idle_polls_total).
std::uint64_t idle_polls(TestServer& server) {
  auto metrics = server.get("/metrics", "").body;
  const std::string name = "\ntracker_dispatcher_idle_polls_total ";
  auto at = metrics.find(name);
  REQUIRE(at != std::string::npos);
  return std::stoull(metrics.substr(at + name.size()));
}

// Until the dispatcher has twice found nothing to do: everything due by now
// has been tried, so what was not sent is not going to be (no sleeping and
// hoping).
void settle(TestServer& server) {
  auto start = idle_polls(server);
  REQUIRE(wait_until([&] { return idle_polls(server) >= start + 2; }, 10s));
}

// GET /api/v1/shipments/{tn}/notifications as admin: its items.
json::array notifications_of(TestServer& server, std::string_view tn) {
  auto r = server.get("/api/v1/shipments/" + url_encode(tn) + "/notifications");
  if (r.status != 200) {
    throw std::runtime_error("GET notifications of " + std::string(tn) + ": " +
                             std::to_string(r.status) + " " + r.body);
  }
  return at(r.json(), "/items").as_array();
}

// GET /api/v1/notifications (admin, every channel, newest first): its items.
json::array all_notifications(TestServer& server, std::string_view query = "") {
  auto r = server.get("/api/v1/notifications" + std::string(query));
  if (r.status != 200) {
    throw std::runtime_error("GET /api/v1/notifications: " + std::to_string(r.status) + " " + r.body);
  }
  return at(r.json(), "/items").as_array();
}

bool all_in_state(const json::array& items, std::string_view state, std::size_t expected_count) {
  if (items.size() != expected_count) return false;
  return std::all_of(items.begin(), items.end(), [&](const json::value& m) {
    return str(m, "/state") == state;
  });
}

// Waits until the shipment's messages are `expected_count`, all in `state`;
// the last items seen.
json::array wait_for_state(TestServer& server, std::string_view tn, std::string_view state,
                           std::size_t expected_count, std::chrono::milliseconds timeout = kDeadline) {
  json::array items;
  wait_until(
      [&] {
        items = notifications_of(server, tn);
        return all_in_state(items, state, expected_count);
      },
      timeout);
  return items;
}

std::size_t accepted_count(const std::vector<PeerRequest>& requests) {
  return static_cast<std::size_t>(
      std::count_if(requests.begin(), requests.end(), [](const auto& r) { return r.accepted(); }));
}

void scan_ok(TestServer& server, const User& by, std::string_view tn, std::string_view type,
             std::chrono::seconds ago, const json::object& extra = {}) {
  auto r = server.scan(by.token, tn, type, hanoi_time_ago(ago), extra);
  INFO(type << " of " << tn << ": " << r.status << " " << r.body);
  REQUIRE(r.status == 201);
}

// A dossier from intake to its delivery at `clerk`'s agency (4 scans, the
// last with a dossier code of that agency).
void carry_dossier(TestServer& server, const World& world, const User& clerk,
                   std::string_view agency_code, std::string_view tn, int serial) {
  scan_ok(server, world.postal, tn, "accepted", 200min);
  scan_ok(server, world.postal, tn, "dispatched", 180min);
  scan_ok(server, world.postal, tn, "arrived", 160min);
  std::string code = std::string(agency_code) + "-261127-" + std::to_string(1000 + serial);
  scan_ok(server, clerk, tn, "delivered", 140min, {{"dossier_code", code}});
}

// Checks one signed POST of the SMS gateway or a webhook.
void check_signed(const PeerRequest& r, std::string_view secret) {
  INFO("X-Tracker-Signature: " << r.header("X-Tracker-Signature") << "\nbody: " << r.body);
  CHECK(r.method == "POST");
  CHECK(starts_with(r.header("Content-Type"), "application/json"));
  auto sig = check_signature(r.header("X-Tracker-Signature"), secret, r.body);
  INFO(sig.problem);
  CHECK(sig.valid);
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  CHECK(std::abs(now - sig.t) < 300);  // t is the time of sending, in seconds
  // Another secret does not verify: the check is not vacuous.
  CHECK_FALSE(check_signature(r.header("X-Tracker-Signature"), "not-the-secret-at-all", r.body).valid);
}

}  // namespace

TEST_CASE("an SMS goes through a failing gateway once, signed, to the citizen who asked for it",
          "[e2e][notify]") {
  HttpPeer gateway({503, 503, 200});
  TestServer server(sms_env(gateway));
  auto world = server.make_world();

  const auto tn = server.create_dossier_shipment(world.postal.token, {{"notify", json::array{"sms"}}});
  const auto tn_quiet = server.create_dossier_shipment(world.postal.token, {{"notify", json::array{}}});
  CAPTURE(tn, tn_quiet);
  for (const auto& t : {tn, tn_quiet}) {
    scan_ok(server, world.postal, t, "accepted", 60min);
    scan_ok(server, world.postal, t, "dispatched", 50min);  // not news for the citizen
  }

  auto items = wait_for_state(server, tn, "sent", 1);
  INFO("notifications: " << json::serialize(items));
  INFO("gateway saw " << gateway.request_count() << " requests");
  REQUIRE(items.size() == 1);
  const auto& m = items[0];
  CHECK(str(m, "/channel") == "sms");
  CHECK(str(m, "/state") == "sent");
  CHECK(str(m, "/attempts") == "3");
  CHECK(str(m, "/trigger") == "accepted");
  CHECK_FALSE(str(m, "/recipient").empty());
  CHECK(citizen_data_in(str(m, "/recipient")).empty());  // masked

  settle(server);
  const auto requests = gateway.requests();
  REQUIRE(requests.size() == 3);
  CHECK(requests[0].answered == 503);
  CHECK(requests[1].answered == 503);
  CHECK(requests[2].answered == 200);
  CHECK(accepted_count(requests) == 1);

  std::set<std::string> references;
  for (const auto& r : requests) {
    CAPTURE(r.body);
    CHECK(r.target == "/sms");
    check_signed(r, kSmsSecret);
    auto body = boost::json::parse(r.body);
    CHECK(str(body, "/to") == kPhoneE164);
    const auto text = str(body, "/text");
    CHECK(contains(text, tn));
    CHECK(contains(text, track_link(tn)));
    CHECK(contains(text, "hồ sơ"));  // Vietnamese, with its diacritics
    CHECK(has_non_ascii(text));
    CHECK_FALSE(contains(text, tn_quiet));
    references.insert(str(body, "/reference"));
  }
  CHECK(references.size() == 1);  // the same reference on every attempt
  CHECK(*references.begin() == str(m, "/delivery_id"));
  CHECK_FALSE(references.begin()->empty());

  // The citizen who did not ask gets nothing.
  CHECK(notifications_of(server, tn_quiet).empty());
  check_log_keeps_citizens_private(server);
}

TEST_CASE("with [sms] ascii_only the SMS is written without diacritics", "[e2e][notify]") {
  HttpPeer gateway({200});
  auto env = sms_env(gateway);
  env.emplace_back("TRACKER_SMS_ASCII_ONLY", "true");
  TestServer server(env);
  auto world = server.make_world();
  const auto tn = server.create_dossier_shipment(world.postal.token, {{"notify", json::array{"sms"}}});
  CAPTURE(tn);
  scan_ok(server, world.postal, tn, "accepted", 60min);

  REQUIRE(gateway.wait_for([](const auto& rs) { return accepted_count(rs) >= 1; }, kDeadline));
  const auto requests = gateway.requests();
  REQUIRE(requests.size() == 1);
  check_signed(requests[0], kSmsSecret);
  const auto text = str(boost::json::parse(requests[0].body), "/text");
  CAPTURE(text);
  CHECK_FALSE(has_non_ascii(text));
  CHECK(contains(text, tn));
  CHECK(contains(text, track_link(tn)));
  CHECK(contains(lower_ascii(text), "ho so"));  // "hồ sơ" without its marks
  CHECK(all_in_state(wait_for_state(server, tn, "sent", 1), "sent", 1));
}

TEST_CASE("an e-mail reaches a real SMTP server with an encoded Vietnamese subject",
          "[e2e][notify]") {
  SmtpSink smtp;
  TestServer server(Environment{{"TRACKER_EMAIL_SMTP_URL", smtp.url()},
                     {"TRACKER_EMAIL_FROM", std::string(kEmailFrom)},
                     {"TRACKER_NOTIFY_FIRST_RETRY_SECONDS", "1"}});
  auto world = server.make_world();
  const auto tn =
      server.create_dossier_shipment(world.postal.token, {{"notify", json::array{"email"}}});
  const auto tn_sms_only =
      server.create_dossier_shipment(world.postal.token, {{"notify", json::array{"sms"}}});
  CAPTURE(tn, tn_sms_only);
  scan_ok(server, world.postal, tn, "accepted", 60min);
  scan_ok(server, world.postal, tn_sms_only, "accepted", 60min);

  auto files = smtp.wait_for_messages(1, kDeadline);
  INFO("aiosmtpd: " << smtp.log());
  REQUIRE(files.size() == 1);
  auto items = wait_for_state(server, tn, "sent", 1);
  INFO("notifications: " << json::serialize(items));
  REQUIRE(items.size() == 1);
  CHECK(str(items[0], "/channel") == "email");
  CHECK(str(items[0], "/attempts") == "1");
  CHECK(citizen_data_in(str(items[0], "/recipient")).empty());  // masked

  auto mail = read_mail(files[0]);
  INFO("mail: " << json::serialize(mail));
  CHECK(str(mail, "/x_rcpt_to") == kCitizenEmail);
  CHECK(contains(str(mail, "/to"), kCitizenEmail));
  CHECK(contains(str(mail, "/x_mail_from"), "noreply@example.vn"));
  CHECK(contains(str(mail, "/from"), "Bưu điện Bắc Kạn"));

  // The subject travels as RFC 2047 encoded words and decodes to Vietnamese.
  const auto raw_subject = str(mail, "/raw_subject");
  CHECK(contains(lower_ascii(raw_subject), "=?utf-8?"));
  CHECK_FALSE(has_non_ascii(raw_subject));
  CHECK(at(mail, "/headers_ascii") == json::value(true));
  const auto subject = str(mail, "/subject");
  CHECK(contains(subject, tn));
  CHECK(has_non_ascii(subject));
  CHECK(contains(subject, "hồ sơ"));

  CHECK(str(mail, "/content_type") == "multipart/alternative");
  std::map<std::string, std::string> bodies;
  for (const auto& part : at(mail, "/parts").as_array()) {
    CHECK(lower_ascii(str(part, "/charset")) == "utf-8");
    bodies[str(part, "/type")] = str(part, "/text");
  }
  REQUIRE(bodies.count("text/plain") == 1);
  REQUIRE(bodies.count("text/html") == 1);
  for (const auto& [type, text] : bodies) {
    CAPTURE(type);
    CHECK(contains(text, tn));
    CHECK(contains(text, track_link(tn)));
    CHECK(contains(text, "hồ sơ"));
  }
  CHECK(contains(bodies["text/html"], "<html"));

  CHECK_FALSE(str(mail, "/date").empty());
  REQUIRE(at(mail, "/date_skew_seconds").is_number());
  CHECK(at(mail, "/date_skew_seconds").to_number<double>() < 300);
  CHECK(str(mail, "/date_utc_offset") == "+07:00");
  const auto message_id = str(mail, "/message_id");
  CHECK(starts_with(message_id, "<"));
  CHECK(message_id.back() == '>');
  CHECK(contains(message_id, "@"));
  CHECK(contains(message_id, "@example.vn>"));

  // E-mail only to who asked for e-mail; SMS is not configured here.
  CHECK(notifications_of(server, tn_sms_only).empty());
  settle(server);
  CHECK(smtp.messages().size() == 1);
  check_log_keeps_citizens_private(server);
}

TEST_CASE("an agency's webhook receives its delivered dossier, signed, once",
          "[e2e][notify]") {
  HttpPeer hook({500, 200});
  TestServer server(Environment{{"TRACKER_NOTIFY_FIRST_RETRY_SECONDS", "1"}});
  auto world = server.make_world();

  const json::object subscription{{"url", hook.url("/hooks/tracker")},
                                  {"events", json::array{"delivered"}},
                                  {"secret", kHookSecret},
                                  {"agency", kAgencyDx}};
  check_problem(server.post("/api/v1/webhooks", subscription, world.supervisor.token), 403);
  auto created = server.post("/api/v1/webhooks", subscription, server.admin_token());
  INFO(created.body);
  REQUIRE(created.status == 201);
  CHECK_FALSE(contains(created.body, kHookSecret));  // never echoed
  const auto listed = server.get("/api/v1/webhooks");
  REQUIRE(listed.status == 200);
  CHECK(count(listed.json(), "/items") == 1);
  CHECK_FALSE(contains(listed.body, kHookSecret));

  const auto tn = server.create_dossier_shipment(world.postal.token);
  const auto tn_other_agency =
      server.create_dossier_shipment(world.postal.token, {{"agency", kAgencySn}});
  CAPTURE(tn, tn_other_agency);
  carry_dossier(server, world, world.clerk_dx, kAgencyDxCode, tn, 1);
  carry_dossier(server, world, world.clerk_sn, kAgencySnCode, tn_other_agency, 2);

  REQUIRE(hook.wait_for([](const auto& rs) { return accepted_count(rs) >= 1; }, kDeadline));
  settle(server);
  const auto requests = hook.requests();
  REQUIRE(requests.size() == 2);
  CHECK(requests[0].answered == 500);
  CHECK(requests[1].answered == 200);

  for (const auto& r : requests) {
    CAPTURE(r.body);
    CHECK(r.target == "/hooks/tracker");
    CHECK(r.header("X-Tracker-Event") == "delivered");
    CHECK(is_uuid(r.header("X-Tracker-Delivery")));
    check_signed(r, kHookSecret);
    auto body = boost::json::parse(r.body);
    CHECK(mentions(body, tn));
    CHECK_FALSE(mentions(body, tn_other_agency));
    CHECK(mentions(body, "delivered"));
    CHECK(citizen_data_in(r.body).empty());  // no citizen's name, phone, e-mail, address
    CHECK(citizen_data_in(visible_text(body)).empty());
  }
  // The retry carries the same delivery id: the agency can de-duplicate.
  CHECK(requests[0].header("X-Tracker-Delivery") == requests[1].header("X-Tracker-Delivery"));

  // The outbox holds one webhook message: not for the events the
  // subscription does not list (accepted, dispatched, arrived), not for the
  // other agency's dossier.
  auto items = all_notifications(server);
  INFO("outbox: " << json::serialize(items));
  std::vector<json::value> hooks;
  for (const auto& m : items) {
    if (str(m, "/channel") == "webhook") hooks.push_back(m);
  }
  REQUIRE(hooks.size() == 1);
  CHECK(str(hooks[0], "/state") == "sent");
  CHECK(str(hooks[0], "/attempts") == "2");
  CHECK(str(hooks[0], "/trigger") == "delivered");
  CHECK(str(hooks[0], "/delivery_id") == requests[0].header("X-Tracker-Delivery"));
  check_log_keeps_citizens_private(server);
}

TEST_CASE("messages written while the gateway is down go out once after a restart",
          "[e2e][notify]") {
  HttpPeer gateway({200}, /*listening=*/false);  // down: connections refused
  TestServer server(sms_env(gateway));
  auto world = server.make_world();

  std::vector<std::string> tns;
  for (int i = 0; i < 3; ++i) {
    tns.push_back(server.create_dossier_shipment(world.postal.token, {{"notify", json::array{"sms"}}}));
  }
  CAPTURE(tns);
  scan_ok(server, world.postal, tns[0], "accepted", 60min);
  scan_ok(server, world.postal, tns[1], "accepted", 60min);
  carry_dossier(server, world, world.clerk_dx, kAgencyDxCode, tns[2], 3);  // accepted + delivered
  const std::map<std::string, std::size_t> expected{{tns[0], 1}, {tns[1], 1}, {tns[2], 2}};

  // Every message is in the outbox and has failed at least once.
  std::string seen;
  bool all_failed = wait_until(
      [&] {
        seen.clear();
        bool ok = true;
        for (const auto& [tn, n] : expected) {
          auto items = notifications_of(server, tn);
          seen += tn + ": " + json::serialize(items) + "\n";
          ok = ok && items.size() == n &&
               std::all_of(items.begin(), items.end(), [](const json::value& m) {
                 return str(m, "/state") == "failed" && !str(m, "/last_error").empty() &&
                        str(m, "/last_error") != "null";
               });
        }
        return ok;
      },
      kDeadline);
  INFO("before the restart:\n" << seen);
  REQUIRE(all_failed);
  CHECK(gateway.request_count() == 0);

  server.kill(SIGTERM);
  CHECK(server.wait_exit() == 0);
  gateway.start();
  server.restart();  // the same database and environment

  std::set<std::string> delivery_ids;
  bool all_sent = wait_until(
      [&] {
        seen.clear();
        delivery_ids.clear();
        bool ok = true;
        for (const auto& [tn, n] : expected) {
          auto items = notifications_of(server, tn);
          seen += tn + ": " + json::serialize(items) + "\n";
          ok = ok && all_in_state(items, "sent", n);
          for (const auto& m : items) delivery_ids.insert(str(m, "/delivery_id"));
        }
        return ok;
      },
      30s);  // the next attempt may be a few backoff seconds away
  INFO("after the restart:\n" << seen);
  REQUIRE(all_sent);
  REQUIRE(delivery_ids.size() == 4);

  settle(server);
  const auto requests = gateway.requests();
  std::map<std::string, int> per_reference;
  for (const auto& r : requests) {
    CHECK(r.accepted());
    check_signed(r, kSmsSecret);
    ++per_reference[str(boost::json::parse(r.body), "/reference")];
  }
  CHECK(requests.size() == 4);
  for (const auto& id : delivery_ids) {
    CAPTURE(id);
    CHECK(per_reference[id] == 1);  // each message exactly once
  }
  check_log_keeps_citizens_private(server);
}

TEST_CASE("a message the gateway refuses is dead until an admin retries it", "[e2e][notify]") {
  HttpPeer gateway({400});  // not retryable
  TestServer server(sms_env(gateway));
  auto world = server.make_world();
  const auto tn = server.create_dossier_shipment(world.postal.token, {{"notify", json::array{"sms"}}});
  CAPTURE(tn);
  scan_ok(server, world.postal, tn, "accepted", 60min);

  auto items = wait_for_state(server, tn, "dead", 1);
  INFO("notifications: " << json::serialize(items));
  REQUIRE(items.size() == 1);
  CHECK(str(items[0], "/attempts") == "1");
  CHECK(contains(str(items[0], "/last_error"), "400"));
  const auto id = str(items[0], "/id");
  const auto retry_target = "/api/v1/notifications/" + id + "/retry";

  // Admins see it among the dead.
  auto dead = all_notifications(server, "?state=dead");
  CHECK(std::any_of(dead.begin(), dead.end(), [&](const json::value& m) { return str(m, "/id") == id; }));
  check_problem(server.get("/api/v1/notifications", world.supervisor.token), 403);

  // Only an admin retries.
  check_problem(server.request("POST", retry_target, "", world.supervisor.token), 403);
  check_problem(server.request("POST", retry_target, "", world.postal.token), 403);
  settle(server);
  CHECK(gateway.request_count() == 1);  // dead stays dead

  gateway.set_script({200});
  auto retried = server.request("POST", retry_target, "", server.admin_token());
  INFO(retried.body);
  REQUIRE(retried.status == 200);

  items = wait_for_state(server, tn, "sent", 1);
  INFO("after the retry: " << json::serialize(items));
  REQUIRE(all_in_state(items, "sent", 1));
  settle(server);
  const auto requests = gateway.requests();
  REQUIRE(requests.size() == 2);
  CHECK(requests[0].answered == 400);
  CHECK(requests[1].answered == 200);
  CHECK(str(boost::json::parse(requests[0].body), "/reference") ==
        str(boost::json::parse(requests[1].body), "/reference"));

  // A sent message is never sent twice.
  check_problem(server.request("POST", retry_target, "", server.admin_token()), 409);
  check_problem(server.request("POST", "/api/v1/notifications/999999/retry", "", server.admin_token()),
                404);
  settle(server);
  CHECK(gateway.request_count() == 2);
  check_log_keeps_citizens_private(server);
}

TEST_CASE("the server log shows no citizen's phone, name or e-mail after every channel ran",
          "[e2e][notify][privacy]") {
  HttpPeer gateway({503, 200, 400, 200});  // a failure, a refusal, successes
  HttpPeer hook({500, 200});
  SmtpSink smtp;
  auto env = sms_env(gateway);
  env.emplace_back("TRACKER_EMAIL_SMTP_URL", smtp.url());
  env.emplace_back("TRACKER_EMAIL_FROM", std::string(kEmailFrom));
  TestServer server(env);
  auto world = server.make_world();
  auto created = server.post("/api/v1/webhooks",
                             json::object{{"url", hook.url("/hook")},
                                          {"events", json::array{"accepted", "delivery_failed",
                                                                 "held", "delivered"}},
                                          {"secret", kHookSecret}},
                             server.admin_token());
  REQUIRE(created.status == 201);

  // A dossier to the agency, its result back to the citizen with a failed
  // delivery, a hold and the delivery: every kind of citizen message.
  const auto dossier = server.create_dossier_shipment(world.postal.token);
  carry_dossier(server, world, world.clerk_dx, kAgencyDxCode, dossier, 4);
  const std::string dossier_code = std::string(kAgencyDxCode) + "-261127-1004";
  const auto result = str(server.create_shipment(world.clerk_dx.token,
                                                 TestServer::result_body(
                                                     dossier_code,
                                                     {{"notify", json::array{"sms", "email"}}})),
                          "/tracking_number");
  CAPTURE(dossier, result);
  scan_ok(server, world.postal, result, "accepted", 100min);
  scan_ok(server, world.postal, result, "out_for_delivery", 90min);
  scan_ok(server, world.postal, result, "delivery_failed", 80min, {{"reason", "addressee_absent"}});
  scan_ok(server, world.postal, result, "held", 70min);
  scan_ok(server, world.postal, result, "delivered", 20min, {{"recipient", kRecipient}});

  // Wait until nothing is pending or failed any more (sent or dead).
  json::array items;
  bool settled = wait_until(
      [&] {
        items = all_notifications(server, "?limit=200");
        return !items.empty() && std::all_of(items.begin(), items.end(), [](const json::value& m) {
          auto s = str(m, "/state");
          return s == "sent" || s == "dead";
        });
      },
      30s);
  INFO("outbox: " << json::serialize(items));
  REQUIRE(settled);
  CHECK(gateway.request_count() >= 2);
  CHECK(hook.request_count() >= 2);
  CHECK_FALSE(smtp.messages().empty());

  // The staff views mask the recipient.
  for (const auto& tn : {dossier, result}) {
    auto mine = notifications_of(server, tn);
    CHECK_FALSE(mine.empty());
    CHECK(citizen_data_in(json::serialize(mine)).empty());
  }
  CHECK(citizen_data_in(json::serialize(items)).empty());
  for (const auto& r : hook.requests()) CHECK(citizen_data_in(r.body).empty());

  check_log_keeps_citizens_private(server);
  INFO("aiosmtpd: " << smtp.log());
}
