// bench_sqlite_ceiling: the storage ceiling of the benchmarks. Inserts rows
// shaped like the service's events table, with the service's durability (WAL,
// synchronous=FULL), straight through SQLiteCpp: one transaction per row, and
// in batches (what group commit can reach at best).
//
//   bench_sqlite_ceiling [--single-rows 2000] [--batched-rows 50000]
//                        [--batch-size 100] [--prefill 0] [--active-shipments 1000]
//                        [--seconds 0] [--repeat 3] [--settle-max 180] [--dir /tmp] [--keep]
//                        [--fsync-only]
//
// Event ids are random UUID v4 text; shipment ids advance so that each gets
// about 10 events, each event picking one of the last --active-shipments
// shipments (the ones in transit). With --prefill N the same measurement is
// repeated on a second database first filled with N rows (one transaction,
// journal and fsync off, then reopened in WAL with synchronous=FULL), and the
// ratio large/empty is printed. Each measurement (batches first, then one row
// per transaction) inserts its row count, or runs for --seconds; it is done
// --repeat times and printed as one JSON line on stdout: the median run, and
// every run's rate.
// The first line is what one fdatasync costs in --dir (--fsync-only: only that).
#include <SQLiteCpp/SQLiteCpp.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <boost/program_options.hpp>
#include <boost/uuid/random_generator.hpp>
#include <boost/uuid/uuid_io.hpp>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace fs = std::filesystem;
namespace po = boost::program_options;
using Clock = std::chrono::steady_clock;

namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE events (seq INTEGER PRIMARY KEY, shipment_id INTEGER NOT NULL, event_id TEXT NOT NULL,
  type TEXT NOT NULL, office_id INTEGER NOT NULL, occurred_at INTEGER NOT NULL,
  recorded_at INTEGER NOT NULL, recorded_by INTEGER, reason TEXT, recipient TEXT,
  dossier_code TEXT, note TEXT, body_hash BLOB NOT NULL);
CREATE UNIQUE INDEX events_by_shipment ON events(shipment_id, event_id);
)sql";

constexpr const char* kInsert =
    "INSERT INTO events (shipment_id, event_id, type, office_id, occurred_at, recorded_at, "
    "recorded_by, reason, recipient, dossier_code, note, body_hash) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, NULL, ?)";

constexpr std::array<const char*, 6> kTypes = {"accepted",         "dispatched",      "arrived",
                                               "out_for_delivery", "delivery_failed", "delivered"};
constexpr int kEventsPerShipment = 10;

struct Options {
  long single_rows = 2000;
  long batched_rows = 50000;
  long batch_size = 100;
  long prefill = 0;
  long active_shipments = 1000;
  int repeat = 3;
  double seconds = 0;
  int settle_max_s = 180;
  std::string dir = fs::temp_directory_path().string();
  bool keep = false;
  bool fsync_only = false;
};

// Makes event rows; shipment ids move forward as rows are made.
class EventRows {
 public:
  explicit EventRows(long active_shipments) : active_(std::max(1L, active_shipments)) {}

  // Binds the next row to `insert` (prepared from kInsert).
  void bind_next(SQLite::Statement& insert) {
    long newest = first_shipment_ + made_ / kEventsPerShipment;
    long oldest = std::max(1L, newest - active_ + 1);
    std::int64_t shipment = std::uniform_int_distribution<long>(oldest, newest)(rng_);
    const char* type = kTypes[static_cast<std::size_t>(made_) % kTypes.size()];
    std::int64_t now_ms = 1'790'000'000'000 + made_ * 1000;
    std::array<std::uint64_t, 4> hash;
    for (auto& word : hash) word = rng_();

    insert.reset();
    insert.bind(1, shipment);
    insert.bind(2, boost::uuids::to_string(uuids_()));
    insert.bindNoCopy(3, type);
    insert.bind(4, static_cast<std::int64_t>(1 + rng_() % 200));
    insert.bind(5, now_ms - 60'000);
    insert.bind(6, now_ms);
    insert.bind(7, static_cast<std::int64_t>(1 + rng_() % 1000));
    if (std::string_view(type) == "delivery_failed")
      insert.bind(8, "recipient_absent");
    else
      insert.bind(8);
    if (made_ % 5 == 0)
      insert.bind(9, "000.00.19.H12-261127-" + std::to_string(10000 + made_ % 9000));
    else
      insert.bind(9);
    insert.bind(10, hash.data(), static_cast<int>(sizeof hash));
    ++made_;
  }

  // Continues after the shipments of a table that already holds `rows`.
  void skip_to_after(long rows) {
    first_shipment_ = 1 + rows / kEventsPerShipment;
    made_ = 0;
  }

 private:
  long active_;
  long first_shipment_ = 1;
  long made_ = 0;
  std::mt19937_64 rng_{20261127};
  boost::uuids::random_generator_mt19937 uuids_;
};

SQLite::Database open_durable(const fs::path& path) {
  SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  db.exec("PRAGMA journal_mode=WAL");
  db.exec("PRAGMA synchronous=FULL");
  return db;
}

double percentile_ms(std::vector<double>& ms, double q) {
  if (ms.empty()) return 0;
  std::sort(ms.begin(), ms.end());
  auto rank = static_cast<std::size_t>(q * static_cast<double>(ms.size()) + 0.999999);
  return ms[std::clamp<std::size_t>(rank, 1, ms.size()) - 1];
}

struct Run {
  long rows = 0;
  double seconds = 0;
  double rows_per_s = 0;
  double tx_p50_ms = 0;
  double tx_p99_ms = 0;
};

// Inserts `rows` rows, `per_tx` per transaction; with `seconds` > 0, as many
// whole transactions as fit in that time instead.
Run insert_rows(SQLite::Database& db, EventRows& rows_source, long rows, long per_tx,
                double seconds) {
  SQLite::Statement insert(db, kInsert);
  SQLite::Statement begin(db, "BEGIN");
  SQLite::Statement commit(db, "COMMIT");
  std::vector<double> tx_ms;
  auto start = Clock::now();
  auto deadline =
      start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  if (seconds > 0) rows = std::numeric_limits<long>::max();
  long done = 0;
  while (done < rows && (seconds <= 0 || Clock::now() < deadline)) {
    auto tx_start = Clock::now();
    begin.reset();
    begin.exec();
    for (long i = 0; i < per_tx && done < rows; ++i, ++done) {
      rows_source.bind_next(insert);
      insert.exec();
    }
    commit.reset();
    commit.exec();
    tx_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - tx_start).count());
  }
  Run run;
  run.rows = done;
  run.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  run.rows_per_s = static_cast<double>(done) / run.seconds;
  run.tx_p50_ms = percentile_ms(tx_ms, 0.50);
  run.tx_p99_ms = percentile_ms(tx_ms, 0.99);
  return run;
}

// Repeats insert_rows; prints the median run (by rate) as one JSON line, with
// every run's rate, and returns its rows per second. The disk is shared, so
// one run can land on someone else's fsync storm.
double measure(SQLite::Database& db, EventRows& rows_source, const char* table, long& table_rows,
               long rows, long per_tx, const Options& opt) {
  std::vector<Run> runs;
  std::string rates;
  long rows_before = table_rows;
  for (int i = 0; i < opt.repeat; ++i) {
    runs.push_back(insert_rows(db, rows_source, rows, per_tx, opt.seconds));
    table_rows += runs.back().rows;
    rates += (i ? ", " : "") + std::to_string(std::lround(runs.back().rows_per_s));
  }
  std::sort(runs.begin(), runs.end(),
            [](const Run& a, const Run& b) { return a.rows_per_s < b.rows_per_s; });
  const Run& median = runs[runs.size() / 2];
  std::printf(
      "{\"bench\": \"sqlite\", \"table\": \"%s\", \"table_rows\": %ld, \"rows_per_tx\": %ld, "
      "\"rows\": %ld, \"seconds\": %.2f, \"rows_per_s\": %.0f, \"tx_p50_ms\": %.3f, "
      "\"tx_p99_ms\": %.3f, \"rows_per_s_runs\": [%s]}\n",
      table, rows_before, per_tx, median.rows, median.seconds, median.rows_per_s, median.tx_p50_ms,
      median.tx_p99_ms, rates.c_str());
  std::fflush(stdout);
  return median.rows_per_s;
}

struct Rates {
  double single = 0;
  double batched = 0;
};

Rates measure_both(const fs::path& path, EventRows& rows_source, const char* table, long table_rows,
                   const Options& opt) {
  SQLite::Database db = open_durable(path);
  Rates r;
  // Batches first: the figure group commit is compared with should not pay
  // for the disk budget the one-row transactions spent.
  r.batched = measure(db, rows_source, table, table_rows, opt.batched_rows, opt.batch_size, opt);
  r.single = measure(db, rows_source, table, table_rows, opt.single_rows, 1, opt);
  return r;
}

// Median time of one 4 KiB write + fdatasync (what a WAL commit pays) in `dir`.
double fsync_ms(const fs::path& dir) {
  fs::path file = dir / "bench_sqlite_fsync_probe";
  int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0) throw std::runtime_error("cannot create " + file.string());
  std::array<char, 4096> page{};
  std::vector<double> ms;
  for (int i = 0; i < 21; ++i) {
    auto start = Clock::now();
    if (::pwrite(fd, page.data(), page.size(), static_cast<off_t>(i) * 4096) < 0 ||
        ::fdatasync(fd) != 0) {
      ::close(fd);
      throw std::runtime_error("cannot write " + file.string());
    }
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  }
  ::close(fd);
  fs::remove(file);
  return percentile_ms(ms, 0.5);
}

// After writing gigabytes the disk stays slow for a while (on this VM, its
// write budget is spent); wait until an fsync costs about what it did before,
// so the large-table figures measure the table and not the prefill.
double settle(const fs::path& dir, double baseline_ms, int max_s) {
  auto start = Clock::now();
  while (Clock::now() - start < std::chrono::seconds(max_s)) {
    if (fsync_ms(dir) <= std::max(2 * baseline_ms, baseline_ms + 0.2)) break;
    std::this_thread::sleep_for(std::chrono::seconds(1));
  }
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Fills a new database with `rows` rows as fast as SQLite goes, then leaves
// it in WAL mode for the durable measurement.
void prefill(const fs::path& path, EventRows& rows_source, long rows) {
  auto start = Clock::now();
  {
    SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("PRAGMA journal_mode=OFF");
    db.exec("PRAGMA synchronous=OFF");
    db.exec("PRAGMA cache_size=-262144");
    db.exec(kSchema);
    SQLite::Statement insert(db, kInsert);
    db.exec("BEGIN");
    for (long i = 0; i < rows; ++i) {
      rows_source.bind_next(insert);
      insert.exec();
    }
    db.exec("COMMIT");
    db.exec("PRAGMA journal_mode=WAL");
  }
  // Written without fsync: flush it now, or the first checkpoint of the
  // measurement would pay for the whole prefill.
  int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0 || ::fsync(fd) != 0) throw std::runtime_error("cannot fsync " + path.string());
  ::close(fd);
  double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  std::printf(
      "{\"bench\": \"sqlite_prefill\", \"rows\": %ld, \"seconds\": %.1f, \"rows_per_s\": %.0f, "
      "\"file_mb\": %.0f}\n",
      rows, seconds, static_cast<double>(rows) / seconds,
      static_cast<double>(fs::file_size(path)) / (1024.0 * 1024.0));
  std::fflush(stdout);
}

bool parse_args(int argc, char** argv, Options& opt) {
  po::options_description desc("bench_sqlite_ceiling options");
  // clang-format off
  desc.add_options()
      ("help", "this text")
      ("single-rows", po::value(&opt.single_rows)->default_value(opt.single_rows), "rows, one transaction each")
      ("batched-rows", po::value(&opt.batched_rows)->default_value(opt.batched_rows), "rows in batches")
      ("batch-size", po::value(&opt.batch_size)->default_value(opt.batch_size), "rows per batch")
      ("prefill", po::value(&opt.prefill)->default_value(opt.prefill), "repeat on a table of this many rows")
      ("active-shipments", po::value(&opt.active_shipments)->default_value(opt.active_shipments),
       "events spread over this many recent shipments")
      ("seconds", po::value(&opt.seconds)->default_value(opt.seconds),
       "run each measurement this long instead of a row count (a sustained rate)")
      ("repeat", po::value(&opt.repeat)->default_value(opt.repeat), "runs of each measurement; the median is kept")
      ("settle-max", po::value(&opt.settle_max_s)->default_value(opt.settle_max_s),
       "seconds to wait for the disk after the prefill")
      ("dir", po::value(&opt.dir)->default_value(opt.dir), "where the temporary databases go")
      ("keep", po::bool_switch(&opt.keep), "keep the database files")
      ("fsync-only", po::bool_switch(&opt.fsync_only), "only print what one fdatasync costs in --dir");
  // clang-format on
  try {
    po::variables_map vm;
    po::store(po::parse_command_line(argc, argv, desc), vm);
    if (vm.count("help")) {
      std::cout << desc << "\n";
      return false;
    }
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "bench_sqlite_ceiling: " << e.what() << "\n" << desc << "\n";
    return false;
  }
  if (opt.single_rows < 1 || opt.batched_rows < 1 || opt.batch_size < 1 || opt.prefill < 0 ||
      opt.repeat < 1) {
    std::cerr << "bench_sqlite_ceiling: row counts must be positive\n";
    return false;
  }
  return true;
}

void remove_database(const fs::path& path) {
  std::error_code ignored;
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path.string() + suffix, ignored);
}

}  // namespace

int main(int argc, char** argv) {
  Options opt;
  if (!parse_args(argc, argv, opt)) return 2;
  auto stamp = std::to_string(Clock::now().time_since_epoch().count());
  fs::path empty_db = fs::path(opt.dir) / ("bench_sqlite_empty_" + stamp + ".db");
  fs::path large_db = fs::path(opt.dir) / ("bench_sqlite_large_" + stamp + ".db");
  try {
    double baseline_ms = fsync_ms(opt.dir);
    std::printf("{\"bench\": \"fsync\", \"p50_ms\": %.3f}\n", baseline_ms);
    if (opt.fsync_only) return 0;
    EventRows empty_rows(opt.active_shipments);
    {
      SQLite::Database db = open_durable(empty_db);
      db.exec(kSchema);
    }
    Rates empty = measure_both(empty_db, empty_rows, "empty", 0, opt);
    if (!opt.keep) remove_database(empty_db);
    if (opt.prefill > 0) {
      EventRows large_rows(opt.active_shipments);
      prefill(large_db, large_rows, opt.prefill);
      double waited = settle(opt.dir, baseline_ms, opt.settle_max_s);
      std::printf("{\"bench\": \"settle\", \"seconds\": %.1f, \"fsync_p50_ms\": %.3f}\n", waited,
                  fsync_ms(opt.dir));
      large_rows.skip_to_after(opt.prefill);
      Rates large = measure_both(large_db, large_rows, "large", opt.prefill, opt);
      if (!opt.keep) remove_database(large_db);
      std::printf(
          "{\"bench\": \"sqlite_ratio\", \"table_rows\": %ld, \"single_large_over_empty\": %.2f, "
          "\"batched_large_over_empty\": %.2f}\n",
          opt.prefill, large.single / empty.single, large.batched / empty.batched);
    }
  } catch (const std::exception& e) {
    std::cerr << "bench_sqlite_ceiling: " << e.what() << "\n";
    if (!opt.keep) {
      remove_database(empty_db);
      remove_database(large_db);
    }
    return 1;
  }
  return 0;
}
