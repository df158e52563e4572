// The result leg (issue 2): the agency's clerk makes the result shipment for
// a dossier code; postal workers carry it to the citizen.
#include <catch2/catch.hpp>

#include "checks.hpp"

using namespace tracker::test;
using namespace std::chrono_literals;

namespace {

constexpr std::string_view kDossierCode = "000.00.19.H12-261127-0001";

const json::object kRecipient{{"name", kCitizenName}, {"relation", "self"}, {"id_type", "cccd"}};

struct Step {
  std::string type;
  std::chrono::seconds ago;
  json::object extra;
  std::string expected_status;
};

}  // namespace

TEST_CASE("a result is linked to its dossier and delivered after a failed attempt",
          "[e2e][flow][result]") {
  TestServer server;
  auto world = server.make_world();
  const auto dossier = server.create_dossier_shipment(world.postal.token);
  REQUIRE(server
              .scan(world.clerk_dx.token, dossier, "delivered", hanoi_time_ago(7200s),
                    {{"dossier_code", kDossierCode}})
              .status == 201);

  auto created =
      server.create_shipment(world.clerk_dx.token, TestServer::result_body(kDossierCode));
  const auto tn = str(created, "/tracking_number");
  CAPTURE(dossier, tn);
  CHECK(is_valid_s10(tn));
  CHECK(str(created, "/kind") == "result");
  CHECK(str(created, "/status") == "created");
  CHECK(is_hanoi_rfc3339(str(created, "/due_at")));

  // Linked: the dossier's number is listed somewhere in the result.
  CHECK(mentions(server.shipment(tn, world.clerk_dx.token), dossier));

  auto scan_steps = [&](const std::vector<Step>& steps) {
    for (const auto& step : steps) {
      CAPTURE(step.type);
      auto r = server.scan(world.postal.token, tn, step.type, hanoi_time_ago(step.ago), step.extra);
      INFO(r.body);
      REQUIRE(r.status == 201);
      CHECK(str(r.json(), "/shipment/status") == step.expected_status);
    }
  };
  scan_steps({
      {"accepted", 100min, {}, "accepted"},
      {"out_for_delivery", 90min, {}, "out_for_delivery"},
  });

  SECTION("a failed delivery needs a reason and a delivered result needs a recipient") {
    struct Refused {
      std::string type;
      std::string missing_field;
    };
    for (const auto& refused :
         {Refused{"delivery_failed", "reason"}, Refused{"delivered", "recipient"}}) {
      CAPTURE(refused.type);
      auto r = server.scan(world.postal.token, tn, refused.type, hanoi_time_ago(85min));
      check_problem(r, 422);
      CHECK(each(r.json(), "/errors", "field").count(refused.missing_field) == 1);
    }
    // Nothing of the refused scans was kept.
    CHECK(count(server.shipment(tn), "/events") == 2);
  }

  SECTION("the citizen is absent once, then gets the result") {
    scan_steps({
        {"delivery_failed", 80min, {{"reason", "addressee_absent"}}, "delivery_failed"},
        {"out_for_delivery", 30min, {}, "out_for_delivery"},
        {"delivered", 20min, {{"recipient", kRecipient}}, "delivered"},
    });

    auto shipment = server.shipment(tn, world.clerk_dx.token);
    CHECK(str(shipment, "/status") == "delivered");
    REQUIRE(count(shipment, "/events") == 5);
    CHECK(str(shipment, "/events/2/type") == "delivery_failed");
    CHECK(str(shipment, "/events/2/reason") == "addressee_absent");
    CHECK(str(shipment, "/events/4/type") == "delivered");
    CHECK(str(shipment, "/events/4/recipient/name") == kCitizenName);
  }
}

TEST_CASE("a result shipment needs a dossier code", "[e2e][flow][result]") {
  TestServer server;
  auto world = server.make_world();
  auto body = TestServer::result_body(kDossierCode);
  body.erase("dossier_code");
  auto r = server.post("/api/v1/shipments", body, world.clerk_dx.token);
  check_problem(r, 422);
  CHECK(each(r.json(), "/errors", "field").count("dossier_code") == 1);
}
