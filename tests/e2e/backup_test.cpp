// Backups that restore: a backup made while postal workers scan holds every
// scan acknowledged before it, `restore` brings it back into a new file with
// its audit trail intact, and refuses to overwrite a database or to trust a
// damaged, tampered or too new backup.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include "checks.hpp"

using namespace tracker::test;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

std::set<std::string> stored_event_ids(const std::string& db) {
  std::set<std::string> ids;
  std::istringstream lines(sqlite3(db, "SELECT event_id FROM events"));
  for (std::string line; std::getline(lines, line);) ids.insert(line);
  return ids;
}

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

// A backup of a server with one scanned shipment.
std::string small_backup(TestServer& server) {
  auto world = server.make_world();
  auto tn = server.create_dossier_shipment(world.postal.token);
  REQUIRE(server.scan(world.postal.token, tn, "accepted", hanoi_time_ago(30min)).status == 201);
  const auto backup = server.dir() + "/small-backup.db";
  auto made = run_tracker({"backup", "--db", server.db_path(), "--to", backup});
  INFO(made.out << made.err);
  REQUIRE(made.exit_code == 0);
  return backup;
}

// restore refused: exit 1, a message on stderr, no database and no partial
// copy left at target.
void check_refused(const std::string& backup, const std::string& target, const std::string& why) {
  auto r = run_tracker({"restore", "--from", backup, "--db", target});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::Contains(why));
  CHECK_FALSE(fs::exists(target));
  for (const auto& entry : fs::directory_iterator(fs::path(target).parent_path())) {
    CHECK(entry.path().filename().string().find(".restoring") == std::string::npos);
  }
}

}  // namespace

TEST_CASE("a backup made during scans restores with every scan acknowledged before it", "[e2e][backup][sqlite-file]") {
  TestServer server;
  auto world = server.make_world();
  const std::vector<std::string> tns = {server.create_dossier_shipment(world.postal.token),
                                        server.create_dossier_shipment(world.postal.token)};
  constexpr int kScans = 300;
  std::vector<std::string> bodies;
  for (int i = 0; i < kScans; ++i) {
    bodies.push_back(json::serialize(server.scan_body(world.postal.token, tns[i % 2], i % 4 < 2 ? "dispatched" : "arrived",
                                                      hanoi_time_ago(7200s - std::chrono::seconds(10 * i)))));
  }

  std::mutex mutex;
  std::vector<std::string> acknowledged;  // event ids, in the order the server answered 201
  std::vector<std::string> unexpected;
  std::thread scanner([&] {
    auto connection = server.connect(30s);
    const Headers auth{{"Authorization", "Bearer " + world.postal.token}};
    for (const auto& body : bodies) {
      auto r = connection->request("POST", "/api/v1/scans", body, auth);
      std::lock_guard lock(mutex);
      if (r.status == 201) acknowledged.push_back(str(json::parse(body), "/event_id"));
      else unexpected.push_back(std::to_string(r.status) + " " + r.body.substr(0, 200));
    }
  });
  auto acknowledged_now = [&] {
    std::lock_guard lock(mutex);
    return acknowledged;
  };
  while (acknowledged_now().size() < 50 && unexpected.empty()) std::this_thread::sleep_for(5ms);

  const auto before_backup = acknowledged_now();
  const auto backup = server.dir() + "/during-scans.db";
  auto made = run_tracker({"backup", "--db", server.db_path(), "--to", backup});
  const auto after_backup = acknowledged_now().size();
  scanner.join();
  INFO(made.out << made.err);
  REQUIRE(made.exit_code == 0);
  CHECK_THAT(made.out, Catch::Contains("audit trail intact"));
  CAPTURE(unexpected);
  CHECK(unexpected.empty());
  INFO(before_backup.size() << " scans acknowledged before the backup, " << after_backup
                            << " when it ended, " << acknowledged_now().size() << " in all");
  // The scans went on while the backup ran.
  CHECK(acknowledged_now().size() == kScans);

  TempDir elsewhere;
  const auto restored = elsewhere.file("restored.db");
  auto r = run_tracker({"restore", "--from", backup, "--db", restored});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("integrity check: ok"));
  CHECK_THAT(r.out, Catch::Contains("audit trail intact"));
  CHECK_THAT(r.out, Catch::Contains("schema version " + sqlite3(server.db_path(), "PRAGMA user_version")));

  auto ids = stored_event_ids(restored);
  std::vector<std::string> lost;
  for (const auto& id : before_backup) {
    if (!ids.count(id)) lost.push_back(id);
  }
  CHECK(lost.empty());
  // Nothing the server did not acknowledge (2 accepted-at-creation events aside, none exist).
  const auto all = acknowledged_now();
  const std::set<std::string> all_ids(all.begin(), all.end());
  for (const auto& id : ids) {
    if (!all_ids.count(id)) CHECK(sqlite3(restored, "SELECT type FROM events WHERE event_id = '" + id + "'") == "accepted");
  }
  CHECK(sqlite3(restored, "PRAGMA integrity_check") == "ok");
  CHECK(sqlite3(restored, "PRAGMA journal_mode") == "wal");
  auto verified = run_tracker({"audit", "verify", "--db", restored});
  INFO(verified.out << verified.err);
  CHECK(verified.exit_code == 0);
}

TEST_CASE("restore never overwrites a database", "[e2e][backup][sqlite-file]") {
  TestServer server;
  const auto backup = small_backup(server);

  SECTION("an existing database file") {
    TempDir dir;
    const auto target = dir.file("live.db");
    REQUIRE(run_tracker({"migrate", "--db", target}).exit_code == 0);
    const auto bytes = file_bytes(target);
    auto r = run_tracker({"restore", "--from", backup, "--db", target});
    INFO(r.out << r.err);
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.err, Catch::Contains("exists"));
    CHECK(file_bytes(target) == bytes);
  }
  SECTION("the running server's own database") {
    auto r = run_tracker({"restore", "--from", backup, "--db", server.db_path()});
    INFO(r.out << r.err);
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.err, Catch::Contains("in use"));
    CHECK(server.get("/readyz").status == 200);
  }
  SECTION("an empty file is not a database: the restore goes there") {
    TempDir dir;
    const auto target = dir.file("empty.db");
    std::ofstream{target};
    auto r = run_tracker({"restore", "--from", backup, "--db", target});
    INFO(r.out << r.err);
    CHECK(r.exit_code == 0);
    CHECK(sqlite3(target, "SELECT count(*) FROM shipments") == "1");
  }
}

TEST_CASE("restore refuses a backup it cannot trust and says why", "[e2e][backup][sqlite-file]") {
  TestServer server;
  const auto backup = small_backup(server);
  TempDir dir;
  const auto target = dir.file("restored.db");
  const auto copy = dir.file("copy.db");
  fs::copy_file(backup, copy);

  SECTION("a live database, not a backup") {
    check_refused(server.db_path(), target, "live database");
  }
  SECTION("a missing file") { check_refused(dir.file("nothing.db"), target, "no backup file"); }
  SECTION("not a database") {
    std::ofstream(copy, std::ios::trunc) << "these are not the pages you are looking for";
    check_refused(copy, target, "not a readable SQLite database");
  }
  SECTION("damaged pages") {
    auto bytes = file_bytes(copy);
    REQUIRE(bytes.size() > 3 * 4096);
    for (std::size_t i = 4096 + 100; i < 3 * 4096; i += 7) bytes[i] = static_cast<char>(~bytes[i]);
    std::ofstream(copy, std::ios::binary | std::ios::trunc) << bytes;
    auto r = run_tracker({"restore", "--from", copy, "--db", target});
    INFO(r.out << r.err);
    CHECK(r.exit_code == 1);
    CHECK_FALSE(fs::exists(target));
  }
  SECTION("a rewritten audit trail") {
    sqlite3(copy, "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET detail = detail || ' ' WHERE seq = 1");
    check_refused(copy, target, "audit trail broken at row 1");
  }
  SECTION("a schema newer than the program") {
    sqlite3(copy, "PRAGMA user_version = 999");
    check_refused(copy, target, "newer than this program");
  }
}

TEST_CASE("backup and restore name their files and refuse to overwrite a backup", "[e2e][backup][sqlite-file]") {
  TestServer server;
  const auto backup = small_backup(server);
  auto again = run_tracker({"backup", "--db", server.db_path(), "--to", backup});
  CHECK(again.exit_code == 1);
  CHECK_THAT(again.err, Catch::Contains(backup));
  auto usage = run_tracker({"restore", "--db", server.dir() + "/x.db"});
  CHECK(usage.exit_code == 2);
  CHECK_THAT(usage.err, Catch::Contains("from"));
}
