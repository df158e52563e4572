// The PostgreSQL store's schema on a real throwaway cluster (tests/pg/
// cluster.sh, started by CTest as the fixture "pg"): `migrate` builds it from
// empty and is idempotent, the big tables are partitioned by province so
// that PostgreSQL itself refuses a unique index without it, the seed data is
// there, and --grant-to leaves the service's role no UPDATE or DELETE on the
// append-only tables. Checked with psql, independently of our libpq code.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <random>

#include "test_server.hpp"

using namespace tracker::test;

namespace {

std::string cluster_dir() {
  const char* dir = std::getenv("TRACKER_TEST_PG_DIR");
  if (!dir) throw std::runtime_error("TRACKER_TEST_PG_DIR is not set (run under CTest: the fixture starts the cluster)");
  return dir;
}

std::string url_of(const std::string& database, const std::string& user = "tracker") {
  return "postgresql:///" + database + "?host=" + cluster_dir() + "&user=" + user;
}

// psql -At on `database` as `user`; the result (exit code, output).
CommandResult psql(const std::string& database, const std::string& sql, const std::string& user = "tracker") {
  return run_command({"/usr/bin/psql", url_of(database, user), "-X", "-At", "-v", "ON_ERROR_STOP=1", "-c", sql});
}

std::string psql_value(const std::string& database, const std::string& sql) {
  auto r = psql(database, sql);
  INFO(sql << "\n" << r.err);
  REQUIRE(r.exit_code == 0);
  auto out = r.out;
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

// A new empty database of its own for each test case.
std::string new_database() {
  static std::mt19937_64 random{std::random_device{}()};
  std::string name = "t_" + std::to_string(random() % 1000000000000ULL);
  REQUIRE(psql("tracker", "CREATE DATABASE " + name).exit_code == 0);
  return name;
}

}  // namespace

TEST_CASE("migrate builds the PostgreSQL schema from empty, once", "[pg][store]") {
  auto db = new_database();
  auto first = run_tracker({"migrate", "--db", url_of(db)});
  INFO(first.out << first.err);
  REQUIRE(first.exit_code == 0);
  CHECK_THAT(first.out, Catch::Contains("schema version 4"));
  auto again = run_tracker({"migrate", "--db", url_of(db)});
  CHECK(again.exit_code == 0);
  CHECK_THAT(again.out, Catch::Contains("schema version 4"));
  CHECK(psql_value(db, "SELECT string_agg(version::text, ',' ORDER BY version) FROM schema_migrations") == "1,2,3,4");

  // The seed data of 2025 and the rules.
  CHECK(psql_value(db, "SELECT count(*) FROM provinces") == "34");
  CHECK(psql_value(db, "SELECT count(*) FROM communes") == "3321");
  CHECK(psql_value(db, "SELECT name FROM communes WHERE code = '01840'") == "Phường Đức Xuân");
  CHECK(psql_value(db, "SELECT search_name FROM communes WHERE code = '01840'") == "phuong duc xuan");
  CHECK(psql_value(db, "SELECT count(DISTINCT code) FROM old_communes") != "0");
  CHECK(psql_value(db, "SELECT kind FROM calendar_days WHERE calendar = 'postal' AND day = '2026-11-24'") ==
        "holiday");
  CHECK(psql_value(db, "SELECT kind FROM calendar_days WHERE calendar = 'civil_service' AND day = '2026-01-10'") ==
        "makeup_workday");
  CHECK(psql_value(db, "SELECT count(*) FROM deadline_rules WHERE pending_confirmation") == "2");
}

TEST_CASE("the big tables are partitioned by province and keep it in every unique key", "[pg][store]") {
  auto db = new_database();
  REQUIRE(run_tracker({"migrate", "--db", url_of(db)}).exit_code == 0);
  for (const char* table : {"shipments", "shipment_offices", "events", "dossier_statuses", "outbox", "handovers",
                            "handover_items"}) {
    CAPTURE(table);
    CHECK(psql_value(db, std::string("SELECT count(*) FROM pg_inherits WHERE inhparent = '") + table +
                             "'::regclass") == "35");  // 34 provinces and 00 (agencies without a commune code)
    CHECK(psql_value(db, std::string("SELECT partstrat FROM pg_partitioned_table WHERE partrelid = '") + table +
                             "'::regclass") == "l");
  }
  CHECK(psql_value(db, "SELECT count(*) FROM pg_inherits WHERE inhparent = 'audit_log'::regclass") == "35");
  // PostgreSQL itself refuses a unique key without the province.
  auto refused = psql(db, "CREATE UNIQUE INDEX events_by_id ON events (event_id)");
  CHECK(refused.exit_code != 0);
  CHECK_THAT(refused.err, Catch::Contains("partition"));
  // And routes a row to its province's partition; an unknown province has none.
  CHECK(psql(db, "INSERT INTO offices (code, kind, name, created_at) VALUES ('BK-TP', 'post_office', 'Bưu điện', 0), "
                 "('UBND-DX', 'agency', 'UBND phường Đức Xuân', 0)")
            .exit_code == 0);
  const std::string shipment =
      "INSERT INTO shipments (province, tracking_number, kind, status, route, office_id, agency_id, citizen_name, "
      "created_at, due_at) SELECT '%', 'EC000000001VN', 'dossier', 'created', 'local', o.id, a.id, 'x', 0, 0 "
      "FROM offices o, offices a WHERE o.code = 'BK-TP' AND a.code = 'UBND-DX'";
  auto in = [&](const std::string& province) {
    auto sql = shipment;
    sql.replace(sql.find('%'), 1, province);
    return psql(db, sql);
  };
  CHECK(in("19").exit_code == 0);
  CHECK(psql_value(db, "SELECT tableoid::regclass FROM shipments") == "shipments_19");
  CHECK(in("19").exit_code != 0);  // the same tracking number in the province
  CHECK(in("99").exit_code != 0);  // no partition
  // No triggers on the partitioned tables.
  CHECK(psql_value(db, "SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                       "WHERE NOT t.tgisinternal AND c.relname LIKE ANY (ARRAY['shipments%', 'events%', "
                       "'outbox%', 'audit_log%', 'handover%', 'dossier_statuses%'])") == "0");
}

TEST_CASE("the service's role may append to events and the audit log but never change them", "[pg][store]") {
  auto db = new_database();
  psql("tracker", "CREATE ROLE tracker_service LOGIN");  // shared by the cluster's tests: may exist already
  auto migrated = run_tracker({"migrate", "--db", url_of(db), "--grant-to", "tracker_service"});
  INFO(migrated.err);
  REQUIRE(migrated.exit_code == 0);
  auto may = [&](const char* table, const char* privilege) {
    return psql_value(db, std::string("SELECT has_table_privilege('tracker_service', '") + table + "', '" +
                              privilege + "')");
  };
  for (const char* table : {"events", "audit_log", "dossier_statuses"}) {
    CAPTURE(table);
    CHECK(may(table, "INSERT") == "t");
    CHECK(may(table, "SELECT") == "t");
    CHECK(may(table, "UPDATE") == "f");
    CHECK(may(table, "DELETE") == "f");
  }
  CHECK(may("shipments", "UPDATE") == "t");
  CHECK(may("shipments", "DELETE") == "f");
  CHECK(may("calendar_days", "DELETE") == "t");
  CHECK(may("provinces", "INSERT") == "f");
  // As that role: a DELETE on events is refused by PostgreSQL.
  auto denied = psql(db, "DELETE FROM events", "tracker_service");
  CHECK(denied.exit_code != 0);
  CHECK_THAT(denied.err, Catch::Contains("permission denied"));

  // Bad input: an unknown role, and --grant-to on SQLite, are clear errors.
  auto unknown = run_tracker({"migrate", "--db", url_of(db), "--grant-to", "nobody_here"});
  CHECK(unknown.exit_code != 0);
  CHECK_THAT(unknown.err, Catch::Contains("nobody_here"));
  TempDir dir;
  auto on_sqlite = run_tracker({"migrate", "--db", dir.file("t.db"), "--grant-to", "tracker_service"});
  CHECK(on_sqlite.exit_code != 0);
  CHECK_THAT(on_sqlite.err, Catch::Contains("PostgreSQL"));
}

TEST_CASE("admin-token, audit verify and backup work on a PostgreSQL URL, and errors never show the password",
          "[pg][store]") {
  auto db = new_database();
  REQUIRE(run_tracker({"migrate", "--db", url_of(db)}).exit_code == 0);
  auto token = run_tracker({"admin-token", "--db", url_of(db) + "&password=s3cret-pw"});
  INFO(token.err);
  REQUIRE(token.exit_code == 0);
  CHECK(token.out.size() >= 32);
  CHECK(token.err.find("s3cret-pw") == std::string::npos);
  CHECK(psql_value(db, "SELECT count(*) FROM tokens") == "1");
  REQUIRE(std::stoi(psql_value(db, "SELECT count(*) FROM audit_log")) >= 1);

  auto verify = run_tracker({"audit", "verify", "--db", url_of(db)});
  CHECK(verify.exit_code == 0);
  CHECK_THAT(verify.out, Catch::Contains("audit trail intact"));
  // Changed behind the service's back (as a superuser: the service's role
  // may not), the chain shows it.
  REQUIRE(psql(db, "UPDATE audit_log SET actor = 'someone' WHERE seq = 1").exit_code == 0);
  auto broken = run_tracker({"audit", "verify", "--db", url_of(db)});
  CHECK(broken.exit_code == 1);
  CHECK_THAT(broken.out, Catch::Contains("BROKEN") && Catch::Contains("changed"));

  TempDir dir;
  auto backup = run_tracker({"backup", "--db", url_of(db), "--to", dir.file("tracker.dump")});
  INFO(backup.out << backup.err);
  CHECK(backup.exit_code == 0);
  CHECK_THAT(backup.out, Catch::Contains("pg_dump archive"));
  auto listed = run_command({"/usr/bin/pg_restore", "--list", dir.file("tracker.dump")});
  CHECK(listed.exit_code == 0);
  CHECK_THAT(listed.out, Catch::Contains("TABLE DATA public audit_log_00"));

  auto wrong = run_tracker({"migrate", "--db", "postgresql://tracker:s3cret-pw@/nope?host=" + cluster_dir()});
  CHECK(wrong.exit_code != 0);
  CHECK(wrong.out.find("s3cret-pw") == std::string::npos);
  CHECK(wrong.err.find("s3cret-pw") == std::string::npos);
}
