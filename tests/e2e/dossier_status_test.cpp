// Statuses from the agency's TTHC information system (role agency_system):
// posted once per event_id, refused for another agency's dossier, shown to
// the citizen in plain words with what to do, never with the agency's note.
#include <catch2/catch.hpp>

#include <boost/json/parse.hpp>

#include "checks.hpp"
#include "peers.hpp"

using namespace tracker::test;
using namespace std::chrono_literals;

namespace {

constexpr std::string_view kCode = "000.00.19.H12-261127-0101";

// A token-only user of role agency_system at `agency`.
std::string system_token(TestServer& server, std::string_view username, std::string_view agency) {
  auto r = server.post("/api/v1/users",
                       json::object{{"username", username}, {"role", "agency_system"}, {"office", agency}},
                       server.admin_token());
  REQUIRE(r.status == 201);
  return str(r.json(), "/token");
}

json::object status_body(std::string event_id, std::string_view status, std::string_view note = {}) {
  json::object body{{"event_id", std::move(event_id)}, {"status", status}, {"occurred_at", hanoi_time_ago(5min)}};
  if (!note.empty()) body["note"] = note;
  return body;
}

}  // namespace

TEST_CASE("an agency's system posts what happens to a dossier, once per event id", "[e2e][dossier_status]") {
  TestServer server;
  auto world = server.make_world();
  auto tn = server.create_dossier_shipment(world.postal.token, {{"dossier_code", kCode}});
  auto system = system_token(server, "tthc.dx", kAgencyDx);
  auto other_system = system_token(server, "tthc.sn", kAgencySn);
  const std::string path = "/api/v1/dossiers/" + std::string(kCode) + "/events";

  auto body = status_body(new_event_id(), "supplement_requested", "Thiếu bản sao giấy chứng sinh");
  auto first = server.post(path, body, system);
  REQUIRE(first.status == 201);
  CHECK(str(first.json(), "/tracking_number") == tn);
  CHECK(str(first.json(), "/event/status") == "supplement_requested");
  auto again = server.post(path, body, system);
  CHECK(again.status == 200);
  CHECK(at(again.json(), "/event") == at(first.json(), "/event"));
  auto changed = body;
  changed["status"] = "refused";
  CHECK(server.post(path, changed, system).status == 409);

  CHECK(server.post(path, status_body(new_event_id(), "received"), other_system).status == 403);
  CHECK(server.post("/api/v1/dossiers/000.00.19.H12-261127-9999/events", status_body(new_event_id(), "received"), system)
            .status == 404);
  auto bad = server.post(path, status_body(new_event_id(), "lost"), system);
  CHECK(bad.status == 422);
  CHECK_THAT(bad.body, Catch::Contains("status"));
  auto ahead = status_body(new_event_id(), "received");
  ahead["occurred_at"] = hanoi_time_from_now(1h);
  CHECK(server.post(path, ahead, system).status == 422);
  CHECK(server.post(path, status_body(new_event_id(), "received"), world.clerk_dx.token).status == 403);

  // The system's token does nothing else.
  CHECK(server.get("/api/v1/shipments", system).status == 403);
  CHECK(server.scan(system, tn, "accepted", hanoi_time_ago(1min)).status == 403);
  CHECK(server.get("/api/v1/events", system).status == 200);
  auto with_password = server.post("/api/v1/users",
                                   json::object{{"username", "tthc.pw"}, {"role", "agency_system"},
                                                {"office", kAgencyDx}, {"password", "mat-khau-dai"}},
                                   server.admin_token());
  CHECK(with_password.status == 422);
  CHECK(server.post("/api/v1/users",
                    json::object{{"username", "tthc.po"}, {"role", "agency_system"}, {"office", kPostOffice}},
                    server.admin_token())
            .status == 422);

  // Staff see the status with the agency's note; the audit chain holds.
  auto staff = server.shipment(tn);
  REQUIRE(count(staff, "/agency_statuses") == 1);
  CHECK(str(staff, "/agency_statuses/0/note") == "Thiếu bản sao giấy chứng sinh");
  CHECK(run_tracker({"audit", "verify", "--db", server.db_path()}).exit_code == 0);
}

TEST_CASE("the citizen reads the agency's status in plain words, with what to do", "[e2e][dossier_status]") {
  TestServer server;
  auto world = server.make_world();
  auto tn = server.create_dossier_shipment(world.postal.token, {{"dossier_code", kCode}});
  REQUIRE(server.scan(world.postal.token, tn, "accepted", hanoi_time_ago(2h)).status == 201);
  auto system = system_token(server, "tthc.dx", kAgencyDx);
  REQUIRE(server.post("/api/v1/dossiers/" + std::string(kCode) + "/events",
                      status_body(new_event_id(), "supplement_requested", "Thiếu bản sao giấy chứng sinh"), system)
              .status == 201);

  auto vi = server.get("/api/v1/track/" + tn, "");
  REQUIRE(vi.status == 200);
  auto items = at(vi.json(), "/shipments/0/events").as_array();
  REQUIRE(items.size() == 2);
  CHECK(str(items[1], "/type") == "supplement_requested");
  CHECK(str(items[1], "/text") == "Cơ quan yêu cầu bổ sung hồ sơ");
  CHECK_THAT(str(items[1], "/advice"), Catch::Contains("nộp giấy tờ còn thiếu"));
  CHECK(str(items[1], "/office/name") == "UBND phường Đức Xuân");
  CHECK(vi.body.find("giấy chứng sinh") == std::string::npos);  // the note is not public
  auto en = server.get("/api/v1/track/" + tn + "?lang=en", "");
  CHECK_THAT(en.body, Catch::Contains("The agency asks for more documents"));

  auto page = server.get("/track/" + tn, "");
  REQUIRE(page.status == 200);
  CHECK_THAT(page.body, Catch::Contains("Tại cơ quan giải quyết"));
  CHECK_THAT(page.body, Catch::Contains("Cơ quan yêu cầu bổ sung hồ sơ"));
  CHECK(page.body.find("giấy chứng sinh") == std::string::npos);
  CHECK_THAT(server.get("/track/" + tn + "?lang=en", "").body, Catch::Contains("At the agency"));
}

TEST_CASE("an agency's status reaches the citizen who consented, the agency's webhook and the feed",
          "[e2e][dossier_status][notify]") {
  constexpr std::string_view kHookSecret = "agency-hook-secret-abcdefghij";
  HttpPeer gateway({200});
  HttpPeer hook({200});
  TestServer server(Environment{{"TRACKER_SMS_URL", gateway.url("/sms")},
                                {"TRACKER_SMS_SECRET", "sms-gateway-secret-0123456789"},
                                {"TRACKER_NOTIFY_FIRST_RETRY_SECONDS", "1"}});
  auto world = server.make_world();
  auto subscribed = server.post("/api/v1/webhooks",
                                json::object{{"url", hook.url("/hooks")},
                                             {"events", json::array{"received", "supplement_requested"}},
                                             {"secret", kHookSecret},
                                             {"agency", kAgencyDx}},
                                server.admin_token());
  REQUIRE(subscribed.status == 201);
  CHECK(at(subscribed.json(), "/events") == json::value(json::array{"received", "supplement_requested"}));
  auto tn = server.create_dossier_shipment(world.postal.token,
                                           {{"dossier_code", kCode}, {"notify", json::array{"sms"}}});
  REQUIRE(server.scan(world.postal.token, tn, "accepted", hanoi_time_ago(3h)).status == 201);
  auto system = system_token(server, "tthc.dx", kAgencyDx);
  const std::string path = "/api/v1/dossiers/" + std::string(kCode) + "/events";
  const std::string note = "Thiếu bản sao giấy chứng sinh";
  REQUIRE(server.post(path, status_body(new_event_id(), "received"), system).status == 201);
  REQUIRE(server.post(path, status_body(new_event_id(), "supplement_requested", note), system).status == 201);
  // The same status again (another event): the citizen was told already.
  REQUIRE(server.post(path, status_body(new_event_id(), "supplement_requested", note), system).status == 201);

  // The messages were written with the statuses: the citizen's are the
  // accepted scan and the request for documents.
  auto citizen = server.get("/api/v1/shipments/" + tn + "/notifications");
  REQUIRE(citizen.status == 200);
  CHECK(each(citizen.json(), "/items", "trigger") ==
        std::multiset<std::string>{"accepted", "supplement_requested"});

  REQUIRE(gateway.wait_for([](const auto& rs) { return rs.size() >= 2; }, 15s));
  REQUIRE(hook.wait_for([](const auto& rs) { return rs.size() >= 3; }, 15s));
  std::vector<std::string> texts;
  for (const auto& r : gateway.requests()) texts.push_back(str(boost::json::parse(r.body), "/text"));
  std::sort(texts.begin(), texts.end());
  INFO(texts[0] << "\n" << texts[1]);
  auto asking = std::find_if(texts.begin(), texts.end(), [](const auto& t) { return t.find("bổ sung") != t.npos; });
  REQUIRE(asking != texts.end());
  CHECK(*asking == "UBND phường Đức Xuân yêu cầu bổ sung hồ sơ " + tn + ". Xem hướng dẫn: " +
                       std::string(kPublicUrl) + "/track/" + tn);

  std::multiset<std::string> hooked;
  for (const auto& r : hook.requests()) {
    CAPTURE(r.body);
    hooked.insert(r.header("X-Tracker-Event"));
    CHECK(check_signature(r.header("X-Tracker-Signature"), kHookSecret, r.body).valid);
    auto body = boost::json::parse(r.body);
    CHECK(str(body, "/event/type") == r.header("X-Tracker-Event"));
    CHECK(str(body, "/event/office/code") == std::string(kAgencyDx));
    CHECK(str(body, "/shipment/tracking_number") == tn);
    CHECK(str(body, "/shipment/dossier_code") == std::string(kCode));
    CHECK(r.body.find("giấy chứng sinh") == std::string::npos);  // the note stays with staff
    CHECK(r.body.find(kCitizenName) == std::string::npos);
  }
  CHECK(hooked == std::multiset<std::string>{"received", "supplement_requested", "supplement_requested"});

  // The feed: the scan, then the three statuses, for the agency's clerk and
  // its system; the types filter takes status words.
  for (const auto& token : {world.clerk_dx.token, system}) {
    auto feed = server.get("/api/v1/events", token);
    REQUIRE(feed.status == 200);
    auto items = at(feed.json(), "/items").as_array();
    REQUIRE(items.size() == 4);
    CHECK(str(items[0], "/type") == "accepted");
    CHECK(str(items[1], "/type") == "received");
    CHECK(str(items[3], "/type") == "supplement_requested");
    CHECK(str(items[3], "/office") == std::string(kAgencyDx));
    CHECK(str(items[3], "/dossier_code") == std::string(kCode));
  }
  auto statuses = server.get("/api/v1/events?types=supplement_requested,refused", world.clerk_dx.token);
  CHECK(count(statuses.json(), "/items") == 2);
  CHECK(count(server.get("/api/v1/events", world.clerk_sn.token).json(), "/items") == 0);
}
