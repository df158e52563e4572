#include "pg_store.hpp"

#include <spawn.h>
#include <sys/wait.h>

#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "pg_connection.hpp"
#include "pg_tx.hpp"

namespace tracker::store::postgres {
namespace {

using domain::Errc;
using domain::Error;

const Error kStorageUnavailable{Errc::unavailable, "storage_unavailable",
                                "The database could not commit; nothing was recorded.", {}};
const Error kInternal{Errc::internal, "internal", "Internal error.", {}};
const Error kStopped{Errc::unavailable, "shutting_down", "The service is shutting down.", {}};

// Jobs taken into one transaction at most (as on SQLite).
constexpr std::size_t kMaxBatch = 512;
// Runs of a batch that a deadlock or serialisation failure ended.
constexpr int kMaxAttempts = 5;
// The key of the advisory lock every writer's batch takes first. Two
// instances' batches that lock shipments in different orders and then the
// province's audit head deadlocked (17 times in the two-instance test, each
// found only after deadlock_timeout, 1 s; under ASan five in a row and
// the scans were answered 503). Taken first, it lets one batch at a time
// write: the instances' writers take turns, as SQLite's one writer does,
// and never deadlock with each other.
constexpr std::int64_t kWriterLock = 0x747261636b657201;  // "tracker" 01

std::atomic<std::uint64_t> next_instance_id{1};

// Each thread's read connections, one per open store.
thread_local std::unordered_map<std::uint64_t, std::unique_ptr<PgConnection>> tl_readers;

int bucket_of(std::size_t n) {
  int b = 0;
  for (std::size_t le = 1; b < WriteStats::kBuckets && n > le; le *= 2) ++b;
  return b;
}

// A connection as the service uses it: durable commits whatever the
// server's default, bytea in hex.
std::unique_ptr<PgConnection> open(const std::string& url, const char* role) {
  auto c = std::make_unique<PgConnection>(url);
  c->exec(std::string("SET synchronous_commit = on; SET bytea_output = 'hex'; SET application_name = "
                      "'dossier-tracker ") + role + "'");
  return c;
}

}  // namespace

PgStore::PgStore(const std::string& url, WriteStats& stats)
    : url_(url), stats_(stats), instance_id_(next_instance_id++) {
  migrate(url, {}, "");
  writer_ = open(url_, "writer");
  thread_ = std::thread([this] { loop(); });
}

PgStore::~PgStore() { stop(); }

void PgStore::submit(std::function<bool(Tx&)> run, std::function<void(const domain::Error*)> complete) {
  {
    std::lock_guard lock(mu_);
    if (!stopping_) {
      queue_.push_back(Job{std::move(run), std::move(complete)});
      cv_.notify_one();
      return;
    }
  }
  complete(&kStopped);
}

void PgStore::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
    cv_.notify_one();
  }
  if (thread_.joinable()) thread_.join();
}

void PgStore::loop() {
  for (;;) {
    std::deque<Job> batch;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping and drained
      while (!queue_.empty() && batch.size() < kMaxBatch) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    run_batch(batch);
  }
}

// One transaction, a SAVEPOINT per job; a job that fails is rolled back
// alone. A deadlock or serialisation failure (another instance's writer got
// in the way) rolls the whole batch back and runs it again: its locks are
// gone, so the other writer finishes and this one gets through.
void PgStore::run_batch(std::deque<Job>& batch) {
  std::vector<const Error*> outcome(batch.size(), nullptr);
  bool committed = false;
  for (int attempt = 1; attempt <= kMaxAttempts && !committed; ++attempt) {
    std::fill(outcome.begin(), outcome.end(), nullptr);
    bool retry = false;
    try {
      if (!writer_ || !writer_->ok()) writer_ = open(url_, "writer");
      static const std::string kBegin =
          "BEGIN; SELECT pg_advisory_xact_lock(" + std::to_string(kWriterLock) + "); SAVEPOINT job";
      writer_->exec(kBegin);
      PgTx tx(*writer_);
      for (std::size_t i = 0; i < batch.size(); ++i) {
        if (i > 0) writer_->exec("RELEASE SAVEPOINT job; SAVEPOINT job");
        bool ok = run_job(tx, batch[i], outcome[i]);
        if (!ok) writer_->exec("ROLLBACK TO SAVEPOINT job");
      }
      writer_->exec("RELEASE SAVEPOINT job; COMMIT");
      committed = true;
    } catch (const PgError& e) {
      retry = e.retryable();
      std::fprintf(stderr, "store: commit failed%s: %s\n", retry ? " (running the batch again)" : "", e.what());
    } catch (const std::exception& e) {
      std::fprintf(stderr, "store: commit failed: %s\n", e.what());
    }
    if (committed) break;
    try {
      if (writer_ && writer_->ok()) writer_->exec("ROLLBACK");
    } catch (...) {
      writer_.reset();  // the next batch opens a new connection
    }
    if (!retry) break;
    ++stats_.retries;
  }
  stats_.jobs += batch.size();
  stats_.last_commit_failed = !committed;
  if (committed) {
    ++stats_.commits;
    ++stats_.batch_buckets[bucket_of(batch.size())];
  } else {
    ++stats_.failed_commits;
  }
  for (std::size_t i = 0; i < batch.size(); ++i) batch[i].complete(committed ? outcome[i] : &kStorageUnavailable);
}

// One job inside the batch's transaction. A unique key that refuses its
// row means another writer committed the same thing (a username, a dossier
// code) after this job had checked: the job is rolled back to its savepoint
// and run once more, and its checks now see that row (each statement reads
// what was committed before it: READ COMMITTED) and answer as a second
// request would, with a 409 or 422 instead of a 500.
bool PgStore::run_job(PgTx& tx, Job& job, const Error*& outcome) {
  for (int run = 1;; ++run) {
    try {
      return job.run(tx);
    } catch (const PgError& e) {
      if (e.retryable() || e.storage_failure()) throw;  // the transaction, not the job
      if (e.unique_violation() && run == 1) {
        writer_->exec("ROLLBACK TO SAVEPOINT job");
        continue;
      }
      std::fprintf(stderr, "store: write job failed: %s\n", e.what());
    } catch (const std::exception& e) {
      std::fprintf(stderr, "store: write job failed: %s\n", e.what());
    }
    outcome = &kInternal;
    return false;
  }
}

void PgStore::read(const std::function<void(Tx&)>& f) {
  auto& slot = tl_readers[instance_id_];
  if (!slot || !slot->ok()) slot = open(url_, "reader");
  PgConnection& c = *slot;
  // One snapshot for the whole read, ended whatever f does.
  c.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  struct End {
    PgConnection& c;
    std::uint64_t instance_id;
    ~End() {
      try {
        c.exec("COMMIT");
      } catch (...) {
        tl_readers.erase(instance_id);  // drop the connection; the next read opens a new one
      }
    }
  } end{c, instance_id_};
  PgTx tx(c);
  f(tx);
}

namespace {

extern "C" char** environ;

// Runs `argv` (argv[0] looked up in PATH) and waits; its exit status.
int run_program(std::vector<std::string> argv) {
  std::vector<char*> args;
  for (auto& a : argv) args.push_back(a.data());
  args.push_back(nullptr);
  pid_t pid = 0;
  if (posix_spawnp(&pid, args[0], nullptr, nullptr, args.data(), environ) != 0) {
    throw std::runtime_error(argv[0] + " could not be started (is postgresql-client installed?)");
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace

void PgStore::backup_to(const std::string& file) {
  // pg_dump's custom format: one consistent snapshot, taken while writers
  // go on; pg_restore reads it back.
  if (run_program({"pg_dump", "--format=custom", "--no-owner", "--file=" + file, "--dbname=" + url_}) != 0) {
    throw std::runtime_error("pg_dump failed (its message is above)");
  }
  if (run_program({"pg_restore", "--list", "--file=/dev/null", file}) != 0) {
    throw std::runtime_error("pg_restore cannot read the archive pg_dump wrote: " + file);
  }
}

}  // namespace tracker::store::postgres
