// The audit trail against a real SQLite file: appended rows chain, and a
// row changed, removed or reordered behind the service's back is found.
#include <SQLiteCpp/SQLiteCpp.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <random>

#include "tracker/store/audit.hpp"
#include "tracker/store/store.hpp"

namespace fs = std::filesystem;
using namespace tracker;

namespace {

struct AuditDb {
  fs::path dir = fs::temp_directory_path() / ("audit-test-" + std::to_string(std::random_device{}()));
  AuditDb() { fs::create_directories(dir); }
  ~AuditDb() { fs::remove_all(dir); }
  std::string path() const { return (dir / "t.db").string(); }

  // n rows appended through the writer, one job each.
  void append(int n) {
    store::Store s(path());
    for (int i = 0; i < n; ++i) {
      auto r = s.write_blocking<domain::Ok>([i](store::Tx& tx) -> domain::Result<domain::Ok> {
        tx.append_audit({"buudien.tp", "scan.recorded", "EC" + std::to_string(100000000 + i) + "VN",
                         "{\"type\":\"accepted\",\"note\":\"dòng \\\"" + std::to_string(i) + "\\\"\"}",
                         domain::Timestamp(std::chrono::milliseconds(1'800'000'000'000 + i))});
        return domain::Ok{};
      });
      REQUIRE(r);
    }
  }

  // What someone with the file and the sqlite3 shell can do: drop the
  // append-only triggers and edit.
  void tamper(const std::string& sql) {
    SQLite::Database db(path(), SQLite::OPEN_READWRITE);
    db.exec("DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;");
    db.exec(sql);
  }
};

}  // namespace

TEST_CASE("an appended audit trail verifies", "[store][audit]") {
  AuditDb db;
  db.append(25);
  auto report = store::verify_audit(db.path());
  CHECK(report.rows == 25);
  CHECK_FALSE(report.broken_at);

  SQLite::Database check(db.path(), SQLite::OPEN_READONLY);
  CHECK(check.execAndGet("SELECT length(hash) FROM audit_log WHERE seq = 1").getInt() == 32);
  CHECK(check.execAndGet("SELECT hex(prev_hash) FROM audit_log WHERE seq = 1").getString() == std::string(64, '0'));
  CHECK(check.execAndGet("SELECT count(*) FROM audit_log a JOIN audit_log b ON b.seq = a.seq + 1 "
                         "WHERE b.prev_hash <> a.hash").getInt() == 0);
}

TEST_CASE("an empty audit trail verifies", "[store][audit]") {
  AuditDb db;
  db.append(0);
  auto report = store::verify_audit(db.path());
  CHECK(report.rows == 0);
  CHECK_FALSE(report.broken_at);
}

// (Recorded events are guarded the same way: tests/e2e/audit_test.cpp,
// where there are events to try it on.)
TEST_CASE("the database refuses to change or delete audit rows", "[store][audit]") {
  AuditDb db;
  db.append(3);
  SQLite::Database raw(db.path(), SQLite::OPEN_READWRITE);
  CHECK_THROWS_WITH(raw.exec("UPDATE audit_log SET actor = 'x' WHERE seq = 2"), Catch::Contains("append-only"));
  CHECK_THROWS_WITH(raw.exec("DELETE FROM audit_log WHERE seq = 3"), Catch::Contains("append-only"));
}

TEST_CASE("verification names the first broken link", "[store][audit]") {
  struct Case {
    std::string name;
    std::string sql;
    std::int64_t broken_at;
    std::string why;
  };
  auto c = GENERATE(values<Case>({
      {"a subject changed", "UPDATE audit_log SET subject = 'EC000000000VN' WHERE seq = 7", 7, "content"},
      {"a detail changed", "UPDATE audit_log SET detail = '{}' WHERE seq = 12", 12, "content"},
      {"a time moved", "UPDATE audit_log SET at = at - 3600000 WHERE seq = 3", 3, "content"},
      {"a row removed", "DELETE FROM audit_log WHERE seq = 9", 10, "removed"},
      {"the last row removed and the one before changed", "DELETE FROM audit_log WHERE seq = 20; "
                                                          "UPDATE audit_log SET actor = 'x' WHERE seq = 19", 19, "content"},
      {"a row's hash recomputed without the next", "UPDATE audit_log SET hash = zeroblob(32) WHERE seq = 5", 5, "content"},
      {"two rows swapped", "UPDATE audit_log SET seq = -1 WHERE seq = 4; UPDATE audit_log SET seq = 4 WHERE seq = 5; "
                           "UPDATE audit_log SET seq = 5 WHERE seq = -1", 4, "previous hash"},
  }));
  CAPTURE(c.name);
  AuditDb db;
  db.append(20);
  db.tamper(c.sql);
  auto report = store::verify_audit(db.path());
  REQUIRE(report.broken_at);
  CHECK(*report.broken_at == c.broken_at);
  CHECK_THAT(report.why, Catch::Contains(c.why));
}
