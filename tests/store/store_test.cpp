// The store against a real SQLite file: migrations, group commit, constraints.
#include <SQLiteCpp/SQLiteCpp.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <future>
#include <random>
#include <thread>

#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include "tracker/store/awaitable.hpp"
#include "tracker/store/store.hpp"
#include "tracker/executor/run_on.hpp"

namespace fs = std::filesystem;
using namespace tracker;
using domain::Result;

namespace {

struct TempDb {
  fs::path dir;
  TempDb() {
    dir = fs::temp_directory_path() / ("store-test-" + std::to_string(std::random_device{}()));
    fs::create_directories(dir);
  }
  ~TempDb() { fs::remove_all(dir); }
  std::string path() const { return (dir / "t.db").string(); }
};

domain::Timestamp now() {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

store::Office office(std::string code) {
  return store::Office{domain::OfficeId{0}, std::move(code), domain::OfficeKind::post_office, "Bưu cục", "Bắc Kạn", "", "", std::nullopt};
}

}  // namespace

TEST_CASE("migrations build the schema on an empty file and are tracked by user_version", "[store]") {
  TempDb db;
  CHECK(store::Store::migrate(db.path()) >= 1);
  SQLite::Database raw(db.path());
  int version = raw.execAndGet("PRAGMA user_version").getInt();
  CHECK(version >= 1);
  CHECK(raw.execAndGet("PRAGMA journal_mode").getString() == "wal");
  CHECK(raw.tableExists("shipments"));
  CHECK(raw.tableExists("events"));
  CHECK(raw.tableExists("outbox"));
  CHECK(raw.execAndGet("SELECT count(*) FROM calendar_days WHERE day = '2026-02-17'").getInt() == 2);  // both calendars
  CHECK(raw.execAndGet("SELECT count(*) FROM deadline_rules").getInt() == 4);
  // Every file of db/migrations is embedded and applied, not only the first.
  CHECK(version == MIGRATION_COUNT);
  CHECK(raw.execAndGet("SELECT count(*) FROM pragma_table_info('shipments') WHERE name = 'failed_attempts'")
            .getInt() == 1);
  // Running again changes nothing.
  CHECK(store::Store::migrate(db.path()) == version);
}

TEST_CASE("group commit: many concurrent writers share commits, a failing one fails alone", "[store]") {
  TempDb db;
  store::Store s(db.path());
  constexpr int kWriters = 8;
  constexpr int kPerWriter = 50;
  std::vector<std::thread> threads;
  std::atomic<int> ok{0}, failed{0};
  for (int w = 0; w < kWriters; ++w) {
    threads.emplace_back([&, w] {
      std::vector<std::future<Result<domain::OfficeId>>> pending;
      std::vector<std::shared_ptr<std::promise<Result<domain::OfficeId>>>> promises;
      for (int i = 0; i < kPerWriter; ++i) {
        auto p = std::make_shared<std::promise<Result<domain::OfficeId>>>();
        pending.push_back(p->get_future());
        bool bad = (w == 3 && i == 7);
        s.write<domain::OfficeId>(
            [w, i, bad](store::Tx& tx) -> Result<domain::OfficeId> {
              auto id = tx.insert_office(office("O-" + std::to_string(w) + "-" + std::to_string(i)), now());
              if (bad) return domain::make_error(domain::Errc::invalid, "bad", "this one fails");
              return id;
            },
            [p](Result<domain::OfficeId> r) { p->set_value(std::move(r)); });
      }
      for (auto& f : pending) (f.get() ? ok : failed)++;
    });
  }
  for (auto& t : threads) t.join();
  CHECK(ok == kWriters * kPerWriter - 1);
  CHECK(failed == 1);
  auto offices = s.read([](store::Tx& tx) { return tx.list_offices(); });
  CHECK(offices.size() == static_cast<std::size_t>(kWriters * kPerWriter - 1));
  bool bad_present = false;
  for (const auto& o : offices) bad_present |= (o.code == "O-3-7");
  CHECK_FALSE(bad_present);
  // Fewer commits than jobs: batching happened.
  CHECK(s.stats().commits.load() < s.stats().jobs.load());
}

TEST_CASE("a job that throws is rolled back and reported as internal, and the batch goes on", "[store]") {
  TempDb db;
  store::Store s(db.path());
  auto dup = s.write_blocking<domain::OfficeId>([](store::Tx& tx) -> Result<domain::OfficeId> {
    tx.insert_office(office("SAME"), now());
    return tx.insert_office(office("SAME"), now());  // UNIQUE(code) throws
  });
  REQUIRE_FALSE(dup);
  CHECK(dup.error().errc == domain::Errc::internal);
  CHECK_FALSE(s.read([](store::Tx& tx) { return tx.find_office_by_code("SAME"); }).has_value());
  auto fine = s.write_blocking<domain::OfficeId>(
      [](store::Tx& tx) -> Result<domain::OfficeId> { return tx.insert_office(office("OTHER"), now()); });
  CHECK(fine.has_value());
}

TEST_CASE("constraints refuse what the schema forbids", "[store]") {
  TempDb db;
  store::Store::migrate(db.path());
  SQLite::Database raw(db.path(), SQLite::OPEN_READWRITE);
  raw.exec("PRAGMA foreign_keys=ON");
  CHECK_THROWS(raw.exec("INSERT INTO offices (code, kind, name, created_at) VALUES ('X', 'bakery', 'n', 0)"));
  CHECK_THROWS(raw.exec(
      "INSERT INTO users (username, display_name, role, created_at) VALUES ('u', 'u', 'clerk', 0)"));
  CHECK_THROWS(raw.exec(
      "INSERT INTO events (shipment_id, event_id, type, office_id, occurred_at, recorded_at, body_hash) "
      "VALUES (999, 'e', 'arrived', 1, 0, 0, x'00')"));
}

TEST_CASE("S10 serials only increase and backups are consistent copies", "[store]") {
  TempDb db;
  store::Store s(db.path());
  auto a = s.write_blocking<std::uint32_t>([](store::Tx& tx) -> Result<std::uint32_t> { return tx.take_serial("EC"); });
  auto b = s.write_blocking<std::uint32_t>([](store::Tx& tx) -> Result<std::uint32_t> { return tx.take_serial("EC"); });
  REQUIRE(a);
  REQUIRE(b);
  CHECK(*b == *a + 1);
  auto backup = (db.dir / "backup.db").string();
  s.backup_to(backup);
  SQLite::Database copy(backup);
  CHECK(copy.execAndGet("SELECT next_serial FROM serials WHERE service_indicator = 'EC'").getInt() ==
        static_cast<int>(*b) + 1);
}

TEST_CASE("run_on does blocking work on the pool and resumes on the caller's executor", "[store][async]") {
  boost::asio::io_context io;
  boost::asio::thread_pool pool(1);
  std::thread::id io_thread = std::this_thread::get_id(), work_thread, resumed_thread;
  auto work = [&] {
    work_thread = std::this_thread::get_id();
    return 42;
  };
  auto task = [&]() -> boost::asio::awaitable<int> {
    int v = co_await tracker::executor::run_on(pool, work);
    resumed_thread = std::this_thread::get_id();
    co_return v;
  };
  auto result = boost::asio::co_spawn(io, task, boost::asio::use_future);
  io.run();
  CHECK(result.get() == 42);
  CHECK(work_thread != io_thread);
  CHECK(resumed_thread == io_thread);
  pool.join();
}
