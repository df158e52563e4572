// Delivery attempts: the second failure at least two working days after the
// first makes a result return_due (weekends and holidays do not count);
// returned closes it.
#include <catch2/catch.hpp>

#include "checks.hpp"

using namespace tracker::test;

namespace {

std::string result_shipment(TestServer& server, const World& world, const std::string& code) {
  auto body = TestServer::dossier_body();
  body["kind"] = "result";
  body["dossier_code"] = code;
  return str(server.create_shipment(world.clerk_dx.token, body), "/tracking_number");
}

void fail_at(TestServer& server, const User& postal, const std::string& tn, const std::string& at) {
  REQUIRE(server.scan(postal.token, tn, "out_for_delivery", at).status == 201);
  auto r = server.scan(postal.token, tn, "delivery_failed", at, json::object{{"reason", "addressee_absent"}});
  REQUIRE(r.status == 201);
}

}  // namespace

TEST_CASE("two failed attempts two working days apart make a result return_due", "[e2e][attempts]") {
  TestServer server;
  auto world = server.make_world();

  SECTION("across a weekend") {
    auto tn = result_shipment(server, world, "000.00.19.H12-261120-0001");
    REQUIRE(server.scan(world.postal.token, tn, "accepted", "2026-11-20T08:00:00+07:00").status == 201);
    fail_at(server, world.postal, tn, "2026-11-20T10:00:00+07:00");  // Friday
    fail_at(server, world.postal, tn, "2026-11-23T10:00:00+07:00");  // Monday: one working day later
    CHECK(str(server.shipment(tn), "/status") == "delivery_failed");
    fail_at(server, world.postal, tn, "2026-11-24T10:00:00+07:00");  // Tuesday: Culture Day, a holiday since 2026
    CHECK(str(server.shipment(tn), "/status") == "delivery_failed");
    fail_at(server, world.postal, tn, "2026-11-25T10:00:00+07:00");  // Wednesday: two
    CHECK(str(server.shipment(tn), "/status") == "return_due");
    REQUIRE(server.scan(world.postal.token, tn, "returned", "2026-11-26T09:00:00+07:00").status == 201);
    CHECK(str(server.shipment(tn), "/status") == "returned");
  }

  SECTION("across a public holiday") {
    auto tn = result_shipment(server, world, "000.00.19.H12-260424-0001");
    REQUIRE(server.scan(world.postal.token, tn, "accepted", "2026-04-24T08:00:00+07:00").status == 201);
    fail_at(server, world.postal, tn, "2026-04-24T10:00:00+07:00");  // Friday
    fail_at(server, world.postal, tn, "2026-04-28T10:00:00+07:00");  // Tuesday; Monday 27 is a holiday
    CHECK(str(server.shipment(tn), "/status") == "delivery_failed");
    fail_at(server, world.postal, tn, "2026-04-29T10:00:00+07:00");
    CHECK(str(server.shipment(tn), "/status") == "return_due");
    auto listed = server.get("/api/v1/shipments?status=return_due", world.clerk_dx.token);
    REQUIRE(listed.status == 200);
    CHECK(each(listed.json(), "/items", "tracking_number").count(tn) == 1);
    // The supervisors' overdue report lists it to be sent back.
    auto report = server.get("/api/v1/reports/overdue", server.admin_token());
    REQUIRE(report.status == 200);
    CHECK(each(report.json(), "/return_due", "tracking_number").count(tn) == 1);
  }
}
