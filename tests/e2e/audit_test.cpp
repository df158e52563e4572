// The audit trail of a real run: every state-changing action of the flows
// is a row, the chain verifies with `dossier-tracker audit verify`, and an
// edit made with the sqlite3 shell (after dropping the append-only trigger)
// is found and named. Recorded events cannot be changed through SQLite.
#include <catch2/catch.hpp>

#include "checks.hpp"

using namespace tracker::test;

namespace {

std::map<std::string, int> actions_of(const std::string& db) {
  std::map<std::string, int> out;
  std::istringstream rows(sqlite3(db, "SELECT action || ' ' || count(*) FROM audit_log GROUP BY action"));
  std::string action;
  int n = 0;
  while (rows >> action >> n) out[action] = n;
  return out;
}

}  // namespace

TEST_CASE("every state-changing action is in a hash-chained audit trail that shows tampering", "[e2e][audit][sqlite-file]") {
  TestServer server;
  auto world = server.make_world();
  auto tn = server.create_dossier_shipment(world.postal.token);
  REQUIRE(server.scan(world.postal.token, tn, "accepted", hanoi_time_ago(std::chrono::hours(3))).status == 201);
  auto cancelled = server.create_dossier_shipment(world.postal.token);
  REQUIRE(server.request("POST", "/api/v1/shipments/" + cancelled + "/cancel", "{}", world.postal.token).status == 200);
  auto handover = server.post("/api/v1/handovers",
                              json::object{{"from_office", std::string(kPostOffice)},
                                           {"to_office", std::string(kAgencyDx)},
                                           {"tracking_numbers", json::array{json::value(tn)}}},
                              world.postal.token);
  REQUIRE(handover.status == 201);
  auto id = str(json::parse(handover.body), "/id");
  REQUIRE(server.post("/api/v1/handovers/" + id + "/confirm",
                      json::object{{"received", json::array{json::value(tn)}},
                                   {"occurred_at", hanoi_time_ago(std::chrono::hours(1))},
                                   {"received_by", "Lý Thị Hoa"}},
                      world.clerk_dx.token).status == 200);
  REQUIRE(server.post("/api/v1/auth/login", json::object{{"username", world.postal.username}, {"password", "wrong"}}, "")
              .status == 401);
  REQUIRE(server.post("/api/v1/auth/login",
                      json::object{{"username", world.postal.username}, {"password", world.postal.password}}, "")
              .status == 200);
  REQUIRE(server.post("/api/v1/webhooks",
                      json::object{{"url", "http://127.0.0.1:9/hook"}, {"events", json::array{"delivered"}},
                                   {"secret", "agency-hook-secret-abcdefghij"}},
                      server.admin_token()).status == 201);

  auto actions = actions_of(server.db_path());
  for (const char* a : {"office.created", "user.created", "token.issued", "shipment.created", "shipment.cancelled",
                        "scan.recorded", "handover.created", "handover.confirmed", "login.failed", "login",
                        "webhook.created"}) {
    CAPTURE(a);
    CHECK(actions[a] >= 1);
  }
  CHECK(actions["scan.recorded"] == 2);  // the accepted scan and the delivery by confirmation

  // No citizen data in the trail.
  auto all = sqlite3(server.db_path(), "SELECT group_concat(actor || subject || detail, '|') FROM audit_log");
  for (auto secret : {kCitizenName, kCitizenPhone, kCitizenEmail, kCitizenAddressLine}) {
    CAPTURE(secret);
    CHECK(all.find(secret) == std::string::npos);
  }

  auto intact = run_tracker({"audit", "verify", "--db", server.db_path()});
  INFO(intact.out << intact.err);
  CHECK(intact.exit_code == 0);
  CHECK_THAT(intact.out, Catch::Contains("intact"));

  // Recorded events are not changed through SQLite either.
  CHECK_THROWS_WITH(sqlite3(server.db_path(), "UPDATE events SET type = 'returned'"), Catch::Contains("never changed"));
  CHECK_THROWS_WITH(sqlite3(server.db_path(), "DELETE FROM events"), Catch::Contains("never deleted"));

  // Someone with the file rewrites history: the chain shows where.
  auto scan_row = sqlite3(server.db_path(), "SELECT min(seq) FROM audit_log WHERE action = 'scan.recorded'");
  CHECK_THROWS_WITH(sqlite3(server.db_path(), "UPDATE audit_log SET actor = 'someone' WHERE seq = " + scan_row),
                    Catch::Contains("append-only"));
  sqlite3(server.db_path(), "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET detail = "
                            "replace(detail, 'accepted', 'delivered') WHERE seq = " + scan_row);
  auto broken = run_tracker({"audit", "verify", "--db", server.db_path()});
  INFO(broken.out << broken.err);
  CHECK(broken.exit_code == 1);
  CHECK_THAT(broken.out, Catch::Contains("BROKEN at row " + scan_row));
}
