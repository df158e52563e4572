#pragma once
// The database: one SQLite file in WAL mode (store/sqlite) or a PostgreSQL
// database (store/postgres), behind the StoreBackend interface.
//
// Writes go through one writer thread that owns the only read-write
// connection (group commit): it takes every job waiting in its queue, runs
// each inside its own SAVEPOINT of one transaction, commits once, and only
// then completes the jobs. One fsync serves the whole batch; a job that
// fails (returns an Error or throws) is rolled back alone.
//
// Reads run on the calling thread, each thread with its own read-only
// connection, inside one read transaction. Keep them bounded (point lookups,
// one page of a list) when called from an I/O thread.
//
// Thread-safe: write() and read() may be called from any thread.
#include <atomic>
#include <cstdint>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>

#include "tracker/domain/result.hpp"
#include "tracker/store/tx.hpp"

namespace tracker::store {

// Counters for /metrics.
struct WriteStats {
  std::atomic<std::uint64_t> commits{0};
  std::atomic<std::uint64_t> jobs{0};
  std::atomic<std::uint64_t> failed_commits{0};
  std::atomic<bool> last_commit_failed{false};
  // Batches run again after a deadlock or serialisation failure (PostgreSQL).
  std::atomic<std::uint64_t> retries{0};
  // Batch size histogram: buckets le 1, 2, 4, ..., 512, +Inf.
  static constexpr int kBuckets = 11;
  std::atomic<std::uint64_t> batch_buckets[kBuckets + 1]{};
};

// Called before each migration is applied: its number, the latest number,
// its file name.
using MigrationProgress = std::function<void(int number, int latest, const std::string& name)>;

// What a database engine provides behind Store: store/sqlite and
// store/postgres implement it.
// Thread-safe like Store.
class StoreBackend {
 public:
  virtual ~StoreBackend() = default;
  // Queues run for the writer (see Store::write); complete(nullptr) after
  // its transaction committed, complete(&error) when it did not.
  virtual void submit(std::function<bool(Tx&)> run, std::function<void(const domain::Error*)> complete) = 0;
  // Runs f on this thread in one read transaction.
  virtual void read(const std::function<void(Tx&)>& f) = 0;
  virtual void backup_to(const std::string& file) = 0;
  virtual void stop() = 0;

 protected:
  StoreBackend() = default;
  StoreBackend(const StoreBackend&) = default;
  StoreBackend& operator=(const StoreBackend&) = default;
};

class Store {
 public:
  // Opens (creating if needed) and migrates the database, starts the writer.
  // `location` is the SQLite file's path or a postgresql:// URL.
  explicit Store(const std::string& location);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // Runs job on the writer thread inside a SAVEPOINT. done(result) is called
  // on the writer thread after the transaction committed (or failed: then
  // done gets Errc::unavailable "storage_unavailable", nothing was kept).
  // done must not block; post the result elsewhere.
  template <class T>
  void write(std::function<domain::Result<T>(Tx&)> job,
             std::function<void(domain::Result<T>)> done) {
    auto result = std::make_shared<std::optional<domain::Result<T>>>();
    backend_->submit(
        [job = std::move(job), result](Tx& tx) -> bool {
          result->emplace(job(tx));
          return result->value().has_value();
        },
        [result, done = std::move(done)](const domain::Error* failure) {
          if (failure) done(domain::Result<T>(*failure));
          else done(std::move(result->value()));
        });
  }

  // write() for a caller that may block (command line, demo data, tests).
  template <class T>
  domain::Result<T> write_blocking(std::function<domain::Result<T>(Tx&)> job) {
    std::promise<domain::Result<T>> promise;
    auto future = promise.get_future();
    write<T>(std::move(job), [&promise](domain::Result<T> r) { promise.set_value(std::move(r)); });
    return future.get();
  }

  // Runs f(Tx&) now on this thread's read-only connection in one read
  // transaction and returns what it returns.
  template <class F>
  auto read(F&& f) {
    using R = std::invoke_result_t<F&, Tx&>;
    if constexpr (std::is_void_v<R>) {
      backend_->read([&f](Tx& tx) { f(tx); });
    } else {
      std::optional<R> out;
      backend_->read([&f, &out](Tx& tx) { out.emplace(f(tx)); });
      return std::move(*out);
    }
  }

  // A consistent copy of the live database into file (online: writers go on).
  void backup_to(const std::string& file) { backend_->backup_to(file); }

  // Stops taking jobs, finishes the queued ones, joins the writer.
  void stop();

  const WriteStats& stats() const { return stats_; }
  // False while the latest commit failed (disk full, read-only file, ...).
  bool writer_healthy() const { return !stats_.last_commit_failed.load(); }
  const std::string& path() const { return location_; }

  // Applies pending migrations to the database; returns the schema version.
  // `grant_to` (PostgreSQL only): the role the service runs as, granted only
  // what it needs.
  static int migrate(const std::string& location, const MigrationProgress& progress = {},
                     const std::string& grant_to = "");

 private:
  std::string location_;
  WriteStats stats_;
  std::unique_ptr<StoreBackend> backend_;
};

// True when `location` is a PostgreSQL URL (postgresql:// or postgres://),
// false for an SQLite file.
bool is_postgres(const std::string& location);

// The location as it may be shown in logs and messages: a file's path, or a
// PostgreSQL URL without its password.
std::string describe_location(const std::string& location);

}  // namespace tracker::store
