// Recording is idempotent: scanners retry, offline devices re-upload their
// queue, clients resend creations with an Idempotency-Key.
#include <catch2/catch.hpp>

#include "checks.hpp"

using namespace tracker::test;
using namespace std::chrono_literals;

TEST_CASE("a scan sent again is answered with the first event", "[e2e][idempotency]") {
  TestServer server;
  auto world = server.make_world();
  const auto tn = server.create_dossier_shipment(world.postal.token);

  auto body = server.scan_body(world.postal.token, tn, "accepted", hanoi_time_ago(30min));
  auto first = server.post("/api/v1/scans", body, world.postal.token);
  auto again = server.post("/api/v1/scans", body, world.postal.token);
  INFO(first.body << "\n" << again.body);
  REQUIRE(first.status == 201);
  REQUIRE(again.status == 200);
  CHECK(str(again.json(), "/event/event_id") == str(body, "/event_id"));
  CHECK(str(again.json(), "/event/recorded_at") == str(first.json(), "/event/recorded_at"));

  auto other_body = body;
  other_body["type"] = "dispatched";
  check_problem(server.post("/api/v1/scans", other_body, world.postal.token), 409);

  CHECK(count(server.shipment(tn), "/events") == 1);
}

TEST_CASE("a batch of 500 queued scans uploaded twice is recorded once", "[e2e][idempotency]") {
  TestServer server;
  auto world = server.make_world();
  constexpr int kShipments = 5;
  constexpr int kScansEach = 100;

  std::vector<std::string> tns;
  json::array scans;
  for (int s = 0; s < kShipments; ++s) {
    tns.push_back(server.create_dossier_shipment(world.postal.token));
    for (int i = 0; i < kScansEach; ++i) {
      const char* type = i == 0 ? "accepted" : (i % 2 ? "dispatched" : "arrived");
      scans.push_back(server.scan_body(world.postal.token, tns.back(), type,
                                       hanoi_time_ago(7200s - std::chrono::seconds(30 * i))));
    }
  }
  const json::object batch{{"scans", scans}};

  for (std::string expected : {"201", "200"}) {
    CAPTURE(expected);
    auto r = server.post("/api/v1/scans/batch", batch, world.postal.token);
    INFO(r.body.substr(0, 1000));
    REQUIRE(r.status == 200);
    auto answer = r.json();
    REQUIRE(count(answer, "/results") == scans.size());

    std::vector<std::string> statuses;
    int out_of_order = 0;
    for (std::size_t i = 0; i < scans.size(); ++i) {
      const auto& item = at(answer, "/results/" + std::to_string(i));
      statuses.push_back(str(item, "/status"));
      if (str(item, "/event_id") != str(scans[i], "/event_id")) ++out_of_order;
    }
    CHECK(tally(statuses) == expected + " ×500");
    CHECK(out_of_order == 0);
  }

  for (const auto& tn : tns) {
    CAPTURE(tn);
    CHECK(count(server.shipment(tn), "/events") == kScansEach);
  }
}

TEST_CASE("an Idempotency-Key makes creating a shipment safe to retry", "[e2e][idempotency]") {
  TestServer server;
  auto world = server.make_world();
  const Headers key{{"Idempotency-Key", "intake-2026-0001"}};
  const auto body = TestServer::dossier_body();

  auto first = server.post("/api/v1/shipments", body, world.postal.token, key);
  auto again = server.post("/api/v1/shipments", body, world.postal.token, key);
  INFO(first.body << "\n" << again.body);
  REQUIRE(first.status == 201);
  CHECK(again.status == first.status);
  CHECK(str(again.json(), "/tracking_number") == str(first.json(), "/tracking_number"));

  auto other = TestServer::dossier_body({{"route", "inter_province"}});
  check_problem(server.post("/api/v1/shipments", other, world.postal.token, key), 409);

  // Without a key, the same body makes another shipment.
  auto unkeyed = server.post("/api/v1/shipments", body, world.postal.token);
  REQUIRE(unkeyed.status == 201);
  CHECK(str(unkeyed.json(), "/tracking_number") != str(first.json(), "/tracking_number"));
}
