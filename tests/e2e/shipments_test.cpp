// Shipments: late scans, cancelling, listing with keyset pagination.
#include <catch2/catch.hpp>
#include <set>

#include "checks.hpp"

using namespace tracker::test;
using namespace std::chrono_literals;

TEST_CASE("a late scan is kept and does not roll the status back", "[e2e][scan]") {
  TestServer server;
  auto world = server.make_world();
  const auto tn = server.create_dossier_shipment(world.postal.token);

  auto delivered = server.scan(world.clerk_dx.token, tn, "delivered", hanoi_time_ago(60min));
  REQUIRE(delivered.status == 201);
  auto late = server.scan(world.postal.token, tn, "arrived", hanoi_time_ago(120min));
  INFO(late.body);
  CHECK(late.status == 201);
  CHECK(str(late.json(), "/shipment/status") == "delivered");

  auto shipment = server.shipment(tn);
  CHECK(str(shipment, "/status") == "delivered");
  CHECK(each(shipment, "/events", "type") == std::multiset<std::string>{"arrived", "delivered"});
}

TEST_CASE("a shipment can be cancelled only while nothing has been scanned", "[e2e][shipments]") {
  TestServer server;
  auto world = server.make_world();

  struct Case {
    std::string name;
    bool scanned;
    int expected;
  };
  for (const auto& c : {Case{"still created", false, 200}, Case{"after a scan", true, 409}}) {
    CAPTURE(c.name);
    const auto tn = server.create_dossier_shipment(world.postal.token);
    if (c.scanned) {
      REQUIRE(server.scan(world.postal.token, tn, "accepted", hanoi_time_ago(10min)).status == 201);
    }
    auto r = server.post("/api/v1/shipments/" + tn + "/cancel", json::object{}, world.postal.token);
    if (c.expected == 200) {
      INFO(r.body);
      CHECK(r.status == 200);
      CHECK(str(r.json(), "/status") == "cancelled");
      CHECK(str(server.shipment(tn), "/status") == "cancelled");
    } else {
      check_problem(r, c.expected);
      CHECK(str(server.shipment(tn), "/status") == "accepted");
    }
  }
}

TEST_CASE("the shipment list pages through everything once", "[e2e][shipments]") {
  TestServer server;
  auto world = server.make_world();
  std::multiset<std::string> created;
  for (int i = 0; i < 7; ++i) created.insert(server.create_dossier_shipment(world.postal.token));

  std::multiset<std::string> listed;
  std::vector<std::size_t> page_sizes;
  std::string target = "/api/v1/shipments?limit=3";
  for (int page = 0; page < 10; ++page) {
    auto r = server.get(target, world.postal.token);
    INFO(target << " → " << r.body.substr(0, 600));
    REQUIRE(r.status == 200);
    auto answer = r.json();
    for (const auto& tn : each(answer, "/items", "tracking_number")) listed.insert(tn);
    page_sizes.push_back(count(answer, "/items"));
    const auto& next = at(answer, "/next_cursor");
    if (next.is_null()) break;
    REQUIRE(next.is_string());
    target = "/api/v1/shipments?limit=3&cursor=" + url_encode(next.get_string());
  }
  CHECK(page_sizes == std::vector<std::size_t>{3, 3, 1});
  CHECK(listed == created);  // a multiset: a duplicate would show
}
