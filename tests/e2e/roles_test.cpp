// Roles and office scope: staff see their own office's shipments and do only
// what their role allows.
#include <catch2/catch.hpp>

#include "checks.hpp"

using namespace tracker::test;
using namespace std::chrono_literals;

TEST_CASE("another agency's clerk sees nothing of a shipment", "[e2e][roles]") {
  TestServer server;
  auto world = server.make_world();
  const auto tn = server.create_dossier_shipment(world.postal.token);
  CAPTURE(tn);

  auto r = server.get("/api/v1/shipments/" + tn, world.clerk_sn.token);
  INFO(r.body);
  CHECK((r.status == 404 || r.status == 403));
  CHECK_FALSE(mentions(r.json(), kCitizenName));

  auto listed_for = [&](const User& user) {
    auto list = server.get("/api/v1/shipments", user.token);
    INFO(user.username << ": " << list.body.substr(0, 600));
    REQUIRE(list.status == 200);
    return each(list.json(), "/items", "tracking_number");
  };
  CHECK(listed_for(world.clerk_sn).count(tn) == 0);
  CHECK(listed_for(world.clerk_dx).count(tn) == 1);  // its own agency's shipment
  CHECK(listed_for(world.postal).count(tn) == 1);
}

TEST_CASE("roles without the right are refused with 403", "[e2e][roles]") {
  TestServer server;
  auto world = server.make_world();
  const auto tn = server.create_dossier_shipment(world.postal.token);

  struct Case {
    std::string name;
    const User* user;
    std::string target;
    json::value body;
  };
  const std::vector<Case> cases = {
      {"a supervisor scans", &world.supervisor, "/api/v1/scans",
       server.scan_body(world.supervisor.token, tn, "accepted", hanoi_time_ago(10min))},
      {"a supervisor creates a shipment", &world.supervisor, "/api/v1/shipments",
       TestServer::dossier_body()},
      {"a postal worker creates an office", &world.postal, "/api/v1/offices",
       json::object{{"code", "BK-X"},
                    {"kind", "post_office"},
                    {"name", "Bưu điện X"},
                    {"province", "Bắc Kạn"},
                    {"commune", "Xã X"},
                    {"address", "X"}}},
      {"a clerk creates a user", &world.clerk_dx, "/api/v1/users",
       json::object{{"username", "mallory"},
                    {"display_name", "Mallory"},
                    {"role", "admin"},
                    {"office", kAgencyDx},
                    {"password", "Correct-Horse-Battery-2026"}}},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    check_problem(server.post(c.target, c.body, c.user->token), 403);
  }

  // None of it happened.
  auto shipment = server.shipment(tn);
  CHECK(count(shipment, "/events") == 0);
  CHECK(str(shipment, "/status") == "created");
  auto offices = server.get("/api/v1/offices");
  REQUIRE(offices.status == 200);
  CHECK_FALSE(mentions(offices.json(), "BK-X"));
}
