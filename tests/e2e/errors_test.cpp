// Bad input of every kind gets the status of API.md and a problem+json body,
// and nothing of it is written.
#include <catch2/catch.hpp>

#include "checks.hpp"

using namespace tracker::test;
using namespace std::chrono_literals;

TEST_CASE("bad requests get their status and a problem body", "[e2e][errors]") {
  TestServer server;
  auto world = server.make_world();
  const auto tn = server.create_dossier_shipment(world.postal.token);
  const auto& token = world.postal.token;
  auto scan = [&](const json::object& extra) {
    return json::serialize(server.scan_body(token, tn, "accepted", hanoi_time_ago(10min), extra));
  };

  struct Case {
    std::string name;
    std::string method;
    std::string target;
    std::string body;
    Headers headers;
    std::string token;
    int expected;
  };
  const Headers json_type{{"Content-Type", "application/json"}};
  const std::vector<Case> cases = {
      {"malformed JSON", "POST", "/api/v1/shipments", R"({"kind": "dossier",)", json_type, token,
       400},
      {"JSON of the wrong type", "POST", "/api/v1/scans", "[1, 2, 3]", json_type, token, 400},
      {"text/plain",
       "POST",
       "/api/v1/scans",
       scan({}),
       {{"Content-Type", "text/plain"}},
       token,
       415},
      {"a body over 1 MiB", "POST", "/api/v1/scans",
       scan({{"note", std::string(1024 * 1024 + 16, 'x')}}), json_type, token, 413},
      {"an unknown tracking number", "POST", "/api/v1/scans",
       scan({{"tracking_number", make_s10("EC", 13643185)}}), json_type, token, 404},
      {"a bad check digit", "POST", "/api/v1/scans", scan({{"tracking_number", "EB123456789VN"}}),
       json_type, token, 422},
      {"occurred_at an hour ahead", "POST", "/api/v1/scans",
       scan({{"occurred_at", hanoi_time_from_now(3600s)}}), json_type, token, 422},
      {"an event id that is not a UUID", "POST", "/api/v1/scans", scan({{"event_id", "scan-0001"}}),
       json_type, token, 422},
      {"an unknown path", "GET", "/api/v1/no-such-thing", "", {}, token, 404},
      {"a wrong method", "DELETE", "/api/v1/scans", "", {}, token, 405},
      {"no token", "GET", "/api/v1/shipments", "", {}, "", 401},
      {"a bad token",
       "GET",
       "/api/v1/shipments",
       "",
       {{"Authorization", "Bearer not-a-token"}},
       "",
       401},
  };

  for (const auto& c : cases) {
    CAPTURE(c.name);
    auto r = server.request(c.method, c.target, c.body, c.token, c.headers);
    check_problem(r, c.expected);
    if (c.expected == 405) CHECK(r.has_header("allow"));
  }

  // Nothing of the refused scans was recorded.
  CHECK(count(server.shipment(tn), "/events") == 0);
}

TEST_CASE("a bad check digit on a scan is named", "[e2e][errors]") {
  TestServer server;
  auto world = server.make_world();
  auto r = server.scan(world.postal.token, "EB123456789VN", "accepted", hanoi_time_ago(10min));
  check_problem(r, 422);
  CHECK(mentions(r.json(), "bad_check_digit"));
}

TEST_CASE("invalid fields get one error each", "[e2e][errors]") {
  TestServer server;
  auto world = server.make_world();
  auto body = TestServer::dossier_body({{"route", "by_pigeon"}});
  body["citizen"].as_object()["phone"] = "12345";

  auto r = server.post("/api/v1/shipments", body, world.postal.token);
  check_problem(r, 422);
  auto answer = r.json();
  INFO(r.body);
  REQUIRE(count(answer, "/errors") == 2);
  std::string fields;
  for (const auto& f : each(answer, "/errors", "field")) fields += f + " ";
  CAPTURE(fields);
  CHECK(fields.find("route") != std::string::npos);
  CHECK(fields.find("phone") != std::string::npos);
  for (std::size_t i = 0; i < 2; ++i) {
    CHECK_FALSE(str(answer, "/errors/" + std::to_string(i) + "/code").empty());
  }

  // Nothing was created.
  auto list = server.get("/api/v1/shipments", world.postal.token);
  REQUIRE(list.status == 200);
  CHECK(count(list.json(), "/items") == 0);
}
