#pragma once
// The database: one SQLite file in WAL mode.
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
#include <string>
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
  // Batch size histogram: buckets le 1, 2, 4, ..., 512, +Inf.
  static constexpr int kBuckets = 11;
  std::atomic<std::uint64_t> batch_buckets[kBuckets + 1]{};
};

class GroupCommitWriter;

// Called before each migration is applied: its number, the latest number,
// its file name.
using MigrationProgress = std::function<void(int number, int latest, const std::string& name)>;

class Store {
 public:
  // Opens (creating if needed) and migrates the database, starts the writer.
  explicit Store(const std::string& path);
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
    submit(
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
    ReadScope scope(*this);
    return f(scope.tx());
  }

  // A consistent copy of the live database into file (online: writers go on).
  void backup_to(const std::string& file);

  // Stops taking jobs, finishes the queued ones, joins the writer.
  void stop();

  const WriteStats& stats() const { return stats_; }
  // False while the latest commit failed (disk full, read-only file, ...).
  bool writer_healthy() const { return !stats_.last_commit_failed.load(); }
  const std::string& path() const { return path_; }

  // Applies pending migrations to the file; returns the schema version.
  static int migrate(const std::string& path, const MigrationProgress& progress = {});

 private:
  class ReadScope {
   public:
    explicit ReadScope(Store& s);
    ~ReadScope();
    Tx& tx() { return *tx_; }

   private:
    Connection* c_;
    std::uint64_t instance_id_;
    std::unique_ptr<Tx> tx_;
  };

  // run returns false when its job failed and must be rolled back;
  // complete(nullptr) after commit, complete(&error) when it did not commit.
  void submit(std::function<bool(Tx&)> run, std::function<void(const domain::Error*)> complete);
  Connection& reader();

  std::string path_;
  std::uint64_t instance_id_;
  WriteStats stats_;
  std::unique_ptr<GroupCommitWriter> writer_;
};

}  // namespace tracker::store
