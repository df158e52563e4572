// Migration 009 against the shared list of 2025 units (../shared/data/
// admin-units-2025, read here, never copied): every province, commune and
// old→new row is in the database, every old name finds the unit it became,
// and offices written before the migration keep their text and gain the
// commune code where their text names one unit only.
#include <SQLiteCpp/SQLiteCpp.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>

#include "shared_csv.hpp"
#include "tracker/domain/admin_unit.hpp"
#include "tracker/store/store.hpp"
#include "tracker/store/unit_queries.hpp"

namespace fs = std::filesystem;
using namespace tracker;
using tracker::test::shared_csv;

namespace {

struct TempDb {
  fs::path dir = fs::temp_directory_path() / ("units-test-" + std::to_string(std::random_device{}()));
  TempDb() { fs::create_directories(dir); }
  ~TempDb() { fs::remove_all(dir); }
  std::string path() const { return (dir / "t.db").string(); }
};


std::string source_file(const std::string& relative) {
  std::ifstream in(std::string(TRACKER_SOURCE_DIR) + "/" + relative);
  REQUIRE(in.good());
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// A database as schema 8 left it (before the 2025 units), to migrate from.
SQLite::Database schema_8(const std::string& path) {
  SQLite::Database raw(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  for (const char* name : {"001_initial", "002_shipment_derivation_state", "003_backfill_failed_attempts",
                           "004_webhooks", "005_handovers", "006_reports", "007_audit", "008_health_probe"}) {
    raw.exec(source_file(std::string("db/migrations/") + name + ".sql"));
  }
  raw.exec("PRAGMA user_version = 8");
  return raw;
}

}  // namespace

TEST_CASE("every unit and every old-to-new row of the shared list is in a migrated database", "[store][units]") {
  TempDb db;
  store::Store::migrate(db.path());
  SQLite::Database raw(db.path());
  auto provinces = shared_csv("admin-units-2025/provinces.csv");
  CHECK(provinces.size() == 34);
  SQLite::Statement province(raw, "SELECT name FROM provinces WHERE code = ?");
  for (const auto& r : provinces) {
    province.reset();
    province.bind(1, r[0]);
    REQUIRE(province.executeStep());
    CHECK(province.getColumn(0).getString() == r[1]);
  }
  auto communes = shared_csv("admin-units-2025/communes.csv");
  CHECK(communes.size() == 3321);
  CHECK(raw.execAndGet("SELECT count(*) FROM communes").getInt() == 3321);
  SQLite::Statement commune(raw, "SELECT province_code, name, kind FROM communes WHERE code = ?");
  for (const auto& r : communes) {
    commune.reset();
    commune.bind(1, r[2]);
    REQUIRE(commune.executeStep());
    CHECK(commune.getColumn(0).getString() == r[0]);
    CHECK(commune.getColumn(1).getString() == r[3]);
    CHECK(commune.getColumn(2).getString() == r[4]);
  }
  auto old = shared_csv("admin-units-2025/old-to-new.csv");
  CHECK(old.size() == 10599);
  CHECK(raw.execAndGet("SELECT count(*) FROM old_communes").getInt() == 10599);
  std::set<std::pair<std::string, std::string>> old_units;
  for (const auto& r : old) old_units.insert({r[0], r[2]});
  CHECK(old_units.size() == 10047);

  // Each old unit, found by its name as written (old province and commune
  // names), suggests the unit(s) it became.
  store::Store s(db.path());
  std::size_t missed = 0;
  s.read([&](store::Tx& tx) {
    store::UnitQueries& units = tx.units();
    for (const auto& r : old) {
      bool found = false;
      for (const auto& c : units.successors(domain::unit_name_key(r[3]), domain::unit_name_key(r[1]))) {
        found = found || c.code == r[4];
      }
      if (!found) {
        ++missed;
        UNSCOPED_INFO("not suggested: " << r[1] << " / " << r[3] << " → " << r[5]);
      }
    }
    return 0;
  });
  CHECK(missed == 0);
}

TEST_CASE("offices written before the migration keep their text and gain an unambiguous commune code", "[store][units]") {
  TempDb db;
  {
    auto raw = schema_8(db.path());
    raw.exec(
        "INSERT INTO offices (id, code, kind, name, province, commune, agency_code, created_at) VALUES "
        "(1, 'BK-TP', 'post_office', 'Bưu điện thành phố Bắc Kạn', 'Bắc Kạn', 'Phường Nguyễn Thị Minh Khai', NULL, 0),"
        "(2, 'UBND-DX', 'agency', 'UBND phường Đức Xuân', 'Thái Nguyên', 'Phường Đức Xuân', '000.00.19.H12', 0),"
        "(3, 'X-TL', 'post_office', 'Bưu cục Tân Lập', '', 'Xã Tân Lập', NULL, 0),"
        "(4, 'NONE', 'post_office', 'Bưu cục', '', '', NULL, 0)");
    raw.exec(
        "INSERT INTO users (id, username, display_name, role, office_id, created_at) VALUES "
        "(1, 'clerk', 'Clerk', 'clerk', 2, 0)");
  }
  CHECK(store::Store::migrate(db.path()) >= 9);
  SQLite::Database raw(db.path());
  auto code_of = [&](int id) {
    SQLite::Statement q(raw, "SELECT coalesce(commune_code, ''), commune, name FROM offices WHERE id = ?");
    q.bind(1, id);
    REQUIRE(q.executeStep());
    return q.getColumn(0).getString();
  };
  CHECK(code_of(1) == "01840");  // an old name, one successor
  CHECK(code_of(2) == "01840");  // a current name in its province
  CHECK(code_of(3).empty());     // many Tân Lập, no province: left for an admin
  CHECK(code_of(4).empty());
  CHECK(raw.execAndGet("SELECT commune FROM offices WHERE id = 1").getString() == "Phường Nguyễn Thị Minh Khai");
  CHECK(raw.execAndGet("SELECT count(*) FROM users WHERE office_id = 2").getInt() == 1);
  SQLite::Statement check(raw, "PRAGMA foreign_key_check");
  CHECK_FALSE(check.executeStep());
}

TEST_CASE("handover counters continue the numbers the lists already have", "[store][handovers]") {
  TempDb db;
  {
    auto raw = schema_8(db.path());
    raw.exec(
        "INSERT INTO offices (id, code, kind, name, created_at) VALUES "
        "(1, 'BK-TP', 'post_office', 'Bưu điện', 0), (2, 'UBND-DX', 'agency', 'UBND phường Đức Xuân', 0)");
    // 2026-12-03 23:30 and 2026-12-04 00:30 in Vietnam (16:30 and 17:30 UTC).
    raw.exec(
        "INSERT INTO handovers (code, from_office_id, to_office_id, direction, status, created_at) VALUES "
        "('BB-BK-TP-261203-1', 1, 2, 'dossiers_to_agency', 'open', 1796315400000), "
        "('BB-BK-TP-261203-2', 1, 2, 'dossiers_to_agency', 'open', 1796315400001), "
        "('BB-BK-TP-261204-1', 1, 2, 'dossiers_to_agency', 'open', 1796319000000)");
  }
  REQUIRE(store::Store::migrate(db.path()) >= 15);
  store::Store s(db.path());
  auto next = [&](const std::string& day) {
    return s.write_blocking<int>([&](store::Tx& tx) -> tracker::domain::Result<int> {
      return tx.take_handover_number(tracker::domain::OfficeId(1), day);
    });
  };
  CHECK(*next("261203") == 3);
  CHECK(*next("261204") == 2);
  CHECK(*next("261204") == 3);
  CHECK(*next("261205") == 1);
  CHECK(*s.write_blocking<int>([&](store::Tx& tx) -> tracker::domain::Result<int> {
    return tx.take_handover_number(tracker::domain::OfficeId(2), "261203");
  }) == 1);
}
