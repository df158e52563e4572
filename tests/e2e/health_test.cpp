// Health, readiness, metrics and the OpenAPI description.
#include <catch2/catch.hpp>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include "checks.hpp"
#include "peers.hpp"

using namespace tracker::test;

namespace {

// "/api/v1/shipments/{tracking_number}" → "/api/v1/shipments/{}": parameter
// names are the server's to choose.
std::string path_shape(const std::string& path) {
  static const std::regex parameter(R"(\{[^}]*\})");
  return std::regex_replace(path, parameter, "{}");
}

}  // namespace

TEST_CASE("health and readiness answer 200", "[e2e][health]") {
  TestServer server;

  auto health = server.get("/healthz", "");
  CHECK(health.status == 200);
  CHECK(str(health.json(), "/status") == "ok");

  CHECK(server.get("/readyz", "").status == 200);
}

TEST_CASE("metrics are Prometheus text with a request counter", "[e2e][health]") {
  TestServer server;
  for (int i = 0; i < 3; ++i) REQUIRE(server.get("/healthz", "").status == 200);

  auto metrics = server.get("/metrics");
  REQUIRE(metrics.status == 200);
  CHECK(starts_with(metrics.header("content-type"), "text/plain"));

  // "# TYPE <name> counter" for a name about requests, and a sample of it > 0.
  std::set<std::string> request_counters;
  std::istringstream lines(metrics.body);
  for (std::string line; std::getline(lines, line);) {
    std::smatch m;
    static const std::regex type_line(R"(^# TYPE (\S+) counter\s*$)");
    if (std::regex_match(line, m, type_line) && m[1].str().find("request") != std::string::npos) {
      request_counters.insert(m[1].str());
    }
  }
  INFO(metrics.body.substr(0, 3000));
  REQUIRE_FALSE(request_counters.empty());

  double counted = 0;
  std::istringstream samples(metrics.body);
  for (std::string line; std::getline(samples, line);) {
    if (line.empty() || line[0] == '#') continue;
    auto name_end = line.find_first_of("{ ");
    if (!request_counters.count(line.substr(0, name_end))) continue;
    counted += std::stod(line.substr(line.find_last_of(' ') + 1));
  }
  CHECK(counted >= 3);
}

TEST_CASE("the OpenAPI description is 3.1 and documents the routes of the contract",
          "[e2e][health]") {
  TestServer server;
  auto r = server.get("/api/v1/openapi.json", "");
  REQUIRE(r.status == 200);
  auto doc = r.json();
  CHECK(starts_with(str(doc, "/openapi"), "3.1"));
  REQUIRE(at(doc, "/paths").is_object());

  std::set<std::string> documented;
  for (const auto& kv : at(doc, "/paths").get_object()) {
    documented.insert(path_shape(std::string(kv.key())));
  }
  for (std::string path : {
           "/healthz",
           "/readyz",
           "/metrics",
           "/api/v1/offices",
           "/api/v1/users",
           "/api/v1/auth/login",
           "/api/v1/auth/logout",
           "/api/v1/shipments",
           "/api/v1/shipments/{}",
           "/api/v1/shipments/{}/cancel",
           "/api/v1/scans",
           "/api/v1/scans/batch",
           "/api/v1/track/{}",
       }) {
    CAPTURE(path);
    CHECK(documented.count(path) == 1);
  }
}

TEST_CASE("metrics pass promtool, and every family has its HELP and TYPE", "[e2e][health][metrics]") {
  TestServer server;
  auto world = server.make_world();
  auto tn = server.create_dossier_shipment(world.postal.token);
  REQUIRE(server.scan(world.postal.token, tn, "accepted", hanoi_time_ago(std::chrono::minutes(5))).status == 201);
  auto metrics = server.get("/metrics", "");
  REQUIRE(metrics.status == 200);

  // Prometheus' own checker (Debian's prometheus package), independent of us.
  TempDir dir;
  const auto file = dir.file("metrics.txt");
  std::ofstream(file) << metrics.body;
  auto checked = run_command({"/bin/sh", "-c", "exec /usr/bin/promtool check metrics < '" + file + "'"});
  INFO(checked.out << checked.err);
  CHECK(checked.exit_code == 0);

  std::set<std::string> helped, typed, sampled;
  std::istringstream lines(metrics.body);
  static const std::regex help(R"(^# HELP (\S+) \S.*$)"), type(R"(^# TYPE (\S+) (counter|gauge|histogram)$)"),
      sample(R"(^([a-z_]+?)(_bucket|_sum|_count)?(\{.*\})? \S+$)");
  for (std::string line; std::getline(lines, line);) {
    std::smatch m;
    if (std::regex_match(line, m, help)) helped.insert(m[1]);
    else if (std::regex_match(line, m, type)) typed.insert(m[1]);
    else if (std::regex_match(line, m, sample)) sampled.insert(typed.count(m[1].str() + m[2].str()) ? m[1].str() + m[2].str() : m[1].str());
  }
  CHECK(helped == typed);
  for (const auto& name : sampled) {
    CAPTURE(name);
    CHECK(typed.count(name) == 1);
  }
  CHECK(typed.count("tracker_db_failed_commits_total") == 1);
  CHECK(typed.count("tracker_db_retried_batches_total") == 1);
}

namespace {

// The value of an unlabelled sample in a metrics text.
double sample_of(const std::string& metrics, const std::string& name) {
  std::istringstream lines(metrics);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind(name + " ", 0) == 0) return std::stod(line.substr(name.size() + 1));
  }
  FAIL("no sample " << name);
  return 0;
}

}  // namespace

TEST_CASE("the metrics the alerts read: readiness, overdue legs, the oldest unsent message", "[e2e][health][metrics]") {
  // An SMS gateway nobody answers on: the message stays unsent.
  TestServer server(Environment{{"TRACKER_SMS_URL", "http://127.0.0.1:" + std::to_string(free_port()) + "/sms"},
                                {"TRACKER_SMS_SECRET", "s"}});
  auto world = server.make_world();
  auto quiet = server.get("/metrics", "").body;
  CHECK(sample_of(quiet, "tracker_ready") == 1);
  CHECK(sample_of(quiet, "tracker_shipments_overdue") == 0);
  CHECK(sample_of(quiet, "tracker_outbox_oldest_unsent_age_seconds") == 0);

  // Made two weeks ago and never moved (its deadline set back in the file,
  // as if it had been created then): past its J+n deadline.
  auto late = server.create_dossier_shipment(world.postal.token, {{"notify", json::array{"sms"}}});
  REQUIRE(server.scan(world.postal.token, late, "accepted", hanoi_time_ago(std::chrono::minutes(10))).status == 201);
  database_sql(server.db_path(), "UPDATE shipments SET due_at = due_at - 14 * 86400000 WHERE tracking_number = '" + late + "'");
  auto fresh = server.create_dossier_shipment(world.postal.token);
  REQUIRE(server.scan(world.postal.token, fresh, "accepted", hanoi_time_ago(std::chrono::minutes(5))).status == 201);
  std::this_thread::sleep_for(std::chrono::milliseconds(20));  // the message is older than now

  auto busy = server.get("/metrics", "").body;
  CHECK(sample_of(busy, "tracker_ready") == 1);
  CHECK(sample_of(busy, "tracker_shipments_overdue") == 1);
  CHECK(sample_of(busy, "tracker_outbox_oldest_unsent_age_seconds") > 0);
  CHECK(sample_of(busy, "tracker_outbox_oldest_unsent_age_seconds") < 3600);
}
