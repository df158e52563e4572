// The privacy review as a test: a server on the demo database is driven
// through public lookups (pages and API, every shipment, with right and
// wrong phone digits), staff pages and API calls, failed logins and
// malformed requests carrying citizen data; then its log, /metrics, every
// public answer and every error body are searched for every demo citizen's
// name, phone (both forms), e-mail and address.
#include <catch2/catch.hpp>
#include <set>
#include <sstream>
#include <thread>

#include "checks.hpp"

using namespace tracker::test;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) out.push_back(line);
  }
  return out;
}

}  // namespace

TEST_CASE("no citizen data in logs, metrics, public answers or error bodies of a whole run", "[e2e][privacy][sqlite-file]") {
  TestServer server(Environment{{"TRACKER_LIMITS_LOOKUPS_PER_MINUTE", "0"}}, [](const std::string& dir) {
    auto demo = run_tracker({"demo", "--db", dir + "/t.db"});
    if (demo.exit_code != 0) throw std::runtime_error("demo: " + demo.err);
    return dir;
  });
  const auto db = server.db_path();
  // What must never leak: every demo citizen's data, in the forms it could take.
  std::set<std::string> secrets;
  for (const auto& name : lines_of(sqlite3(db, "SELECT DISTINCT citizen_name FROM shipments"))) secrets.insert(name);
  for (const auto& phone : lines_of(sqlite3(db, "SELECT DISTINCT citizen_phone FROM shipments WHERE citizen_phone IS NOT NULL"))) {
    secrets.insert(phone);                 // +84912345678
    secrets.insert("0" + phone.substr(3));  // 0912345678
  }
  for (const auto& email : lines_of(sqlite3(db, "SELECT DISTINCT citizen_email FROM shipments WHERE citizen_email IS NOT NULL"))) {
    secrets.insert(email);
  }
  for (const auto& line : lines_of(sqlite3(db, "SELECT DISTINCT json_extract(citizen_address, '$.line') FROM shipments"))) {
    if (line.size() > 8) secrets.insert(line);  // "Tổ 5" alone is too short to mean anything
  }
  REQUIRE(secrets.size() > 10);
  auto leaks = [&](const std::string& text) {
    std::string found;
    for (const auto& s : secrets) {
      if (text.find(s) != std::string::npos) found += s + "; ";
    }
    return found;
  };

  std::string public_answers;
  auto numbers = lines_of(sqlite3(db, "SELECT tracking_number FROM shipments ORDER BY id"));
  auto last4 = lines_of(sqlite3(db, "SELECT substr(coalesce(citizen_phone, '0000'), -4) FROM shipments ORDER BY id"));
  for (std::size_t i = 0; i < numbers.size(); ++i) {
    public_answers += server.get("/api/v1/track/" + numbers[i], "").body;
    public_answers += server.get("/track/" + numbers[i], "").body;
    if (i % 10 == 0) {
      public_answers += server.get("/api/v1/track/" + numbers[i] + "?phone_last4=" + last4[i], "").body;
      public_answers += server.get("/track/" + numbers[i] + "?phone_last4=" + last4[i], "").body;
      public_answers += server.get("/track/" + numbers[i] + "?phone_last4=0000&lang=en", "").body;
    }
  }
  for (const auto& code : lines_of(sqlite3(db, "SELECT DISTINCT dossier_code FROM shipments WHERE dossier_code IS NOT NULL LIMIT 40"))) {
    public_answers += server.get("/api/v1/track/" + code, "").body;
    public_answers += server.get("/track/" + code, "").body;
  }
  public_answers += server.get("/", "").body + server.get("/track/EC000000000VN", "").body;

  // Staff at work: pages and API (their answers may carry the data; the log may not).
  auto login = server.request("POST", "/staff/login", "username=buudien.tp&password=buudien-demo", "",
                              Headers{{"Content-Type", "application/x-www-form-urlencoded"}});
  REQUIRE(login.status == 303);
  auto cookie = login.header("set-cookie").substr(0, login.header("set-cookie").find(';'));
  for (std::size_t i = 0; i < numbers.size(); i += 7) server.get("/staff/shipments/" + numbers[i], "", Headers{{"Cookie", cookie}});
  server.get("/staff/shipments?status=delivered", "", Headers{{"Cookie", cookie}});

  // Errors that carry citizen data in the request: the answer must not echo it.
  const auto name = lines_of(sqlite3(db, "SELECT citizen_name FROM shipments LIMIT 1")).at(0);
  const auto phone = lines_of(sqlite3(db, "SELECT citizen_phone FROM shipments WHERE citizen_phone IS NOT NULL LIMIT 1")).at(0);
  std::string error_bodies;
  auto bad_phone = server.post("/api/v1/shipments",
                               TestServer::dossier_body({{"citizen", json::object{{"name", name},
                                                                                  {"phone", "09" + name},
                                                                                  {"email", name + "@"},
                                                                                  {"address", json::object{{"line", name}}}}}}),
                               server.admin_token());
  CHECK(bad_phone.status == 422);
  error_bodies += bad_phone.body;
  error_bodies += server.post("/api/v1/auth/login", json::object{{"username", name}, {"password", "x"}}, "").body;
  error_bodies += server.request("POST", "/api/v1/scans", "{\"note\": \"" + name + "\"", server.admin_token()).body;
  for (const auto& typed : {name, phone, "0" + phone.substr(3)}) {
    error_bodies += server.get("/track/" + url_encode(typed), "").body;
    error_bodies += server.get("/track?code=" + url_encode(typed), "").body;
    error_bodies += server.get("/api/v1/track/" + url_encode(typed), "").body;
  }

  auto metrics_answer = server.get("/metrics", "");
  auto metrics = metrics_answer.body;
  REQUIRE(metrics.find("tracker_") != std::string::npos);
  // The access log is written in batches: wait for the last request's line,
  // so every request of the run is in the log searched below.
  const auto last_id = metrics_answer.header("x-request-id");
  for (int i = 0; i < 500 && server.log().find("request id=" + last_id + " ") == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  auto log = server.log();
  REQUIRE(log.find("request id=" + last_id + " ") != std::string::npos);
  REQUIRE(log.find("listening on") != std::string::npos);

  CHECK(leaks(public_answers) == "");
  CHECK(leaks(metrics) == "");
  CHECK(leaks(log) == "");
  // The access log names routes, not paths: no tracking number either.
  CHECK(log.find(" request id=") != std::string::npos);
  for (const auto& tn : numbers) {
    if (log.find(tn) != std::string::npos) FAIL_CHECK(tn << " is in the log");
  }
  // The error for a bad name-as-phone names the field, never the value.
  CHECK(leaks(error_bodies) == "");
}
