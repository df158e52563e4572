// The dossier leg (issue 2): intake at the post office, carriage, delivery
// to the agency, where the clerk attaches the dossier code.
#include <catch2/catch.hpp>

#include "checks.hpp"

using namespace tracker::test;
using namespace std::chrono_literals;

namespace {

constexpr std::string_view kDossierCode = "000.00.19.H12-261127-0001";

struct Step {
  std::string type;
  const User* by;
  std::chrono::seconds ago;
  json::object extra;
  std::string expected_status;
};

}  // namespace

TEST_CASE("a postal worker creates a dossier shipment with an S10 number and a deadline",
          "[e2e][flow][dossier]") {
  TestServer server;
  auto world = server.make_world();

  auto created = server.create_shipment(world.postal.token, TestServer::dossier_body());
  const auto tn = str(created, "/tracking_number");
  CAPTURE(tn);
  CHECK(is_valid_s10(tn));
  CHECK(tn.substr(11) == "VN");
  CHECK(str(created, "/kind") == "dossier");
  CHECK(str(created, "/status") == "created");
  CHECK(is_hanoi_rfc3339(str(created, "/due_at")));
  for (std::string link : {"/links/self", "/links/label", "/links/track"}) {
    CAPTURE(link);
    CHECK(str(created, link).find(tn) != std::string::npos);
  }

  // Every shipment gets its own number.
  auto second = server.create_dossier_shipment(world.postal.token);
  CHECK(is_valid_s10(second));
  CHECK(second != tn);
}

TEST_CASE("a dossier is scanned from intake to its delivery at the agency",
          "[e2e][flow][dossier]") {
  TestServer server;
  auto world = server.make_world();
  const auto tn = server.create_dossier_shipment(world.postal.token);
  CAPTURE(tn);

  std::vector<Step> steps = {
      {"accepted", &world.postal, 120min, {}, "accepted"},
      {"dispatched", &world.postal, 100min, {}, "in_transit"},
      {"arrived", &world.postal, 80min, {}, "in_transit"},
      {"delivered", &world.clerk_dx, 60min, {{"dossier_code", kDossierCode}}, "delivered"},
  };
  std::vector<std::string> event_ids;
  for (const auto& step : steps) {
    CAPTURE(step.type);
    auto body =
        server.scan_body(step.by->token, tn, step.type, hanoi_time_ago(step.ago), step.extra);
    auto r = server.post("/api/v1/scans", body, step.by->token);
    INFO(r.body);
    REQUIRE(r.status == 201);
    auto answer = r.json();
    CHECK(str(answer, "/event/event_id") == str(body, "/event_id"));
    CHECK(is_hanoi_rfc3339(str(answer, "/event/recorded_at")));
    CHECK(str(answer, "/shipment/tracking_number") == tn);
    CHECK(str(answer, "/shipment/status") == step.expected_status);
    event_ids.push_back(str(body, "/event_id"));
  }

  for (const auto* reader : {&world.postal, &world.clerk_dx}) {
    CAPTURE(reader->username);
    auto shipment = server.shipment(tn, reader->token);
    CHECK(str(shipment, "/status") == "delivered");
    CHECK(str(shipment, "/dossier_code") == kDossierCode);
    REQUIRE(count(shipment, "/events") == steps.size());
    for (std::size_t i = 0; i < steps.size(); ++i) {
      CAPTURE(i);
      const auto& event = at(shipment, "/events/" + std::to_string(i));
      CHECK(str(event, "/type") == steps[i].type);  // oldest first
      CHECK(str(event, "/event_id") == event_ids[i]);
      CHECK(is_hanoi_rfc3339(str(event, "/recorded_at")));
      CHECK_FALSE(str(event, "/recorded_by").empty());
      CHECK(at(event, "/anomaly") == json::value(false));
    }
  }
}

TEST_CASE("a dossier code once given cannot be changed by a scan", "[e2e][flow][dossier]") {
  TestServer server;
  auto world = server.make_world();
  const auto tn = server.create_dossier_shipment(world.postal.token);

  auto arrived = server.scan(world.clerk_dx.token, tn, "arrived", hanoi_time_ago(70min),
                             {{"dossier_code", kDossierCode}});
  REQUIRE(arrived.status == 201);

  auto other = server.scan(world.clerk_dx.token, tn, "delivered", hanoi_time_ago(60min),
                           {{"dossier_code", "000.00.19.H12-261127-0002"}});
  check_problem(other, 409);

  auto same = server.scan(world.clerk_dx.token, tn, "delivered", hanoi_time_ago(60min),
                          {{"dossier_code", kDossierCode}});
  CHECK(same.status == 201);
  auto shipment = server.shipment(tn);
  CHECK(str(shipment, "/dossier_code") == kDossierCode);
  CHECK(str(shipment, "/status") == "delivered");
  CHECK(count(shipment, "/events") == 2);
}
