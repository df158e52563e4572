#include "group_commit_writer.hpp"

#include "sqlite_tx.hpp"

#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>

#include <cstdio>
#include <exception>
#include <vector>

namespace tracker::store::sqlite {
namespace {

using domain::Errc;
using domain::Error;

const Error kStorageUnavailable{Errc::unavailable, "storage_unavailable",
                                "The database could not commit; nothing was recorded.", {}};
const Error kInternal{Errc::internal, "internal", "Internal error.", {}};
const Error kStopped{Errc::unavailable, "shutting_down", "The service is shutting down.", {}};

// Disk full, read-only file or directory, I/O error, a lock held too long:
// the storage, not the request, is at fault; the client may retry (503).
bool is_storage_failure(const std::exception& e) {
  const auto* sqlite = dynamic_cast<const SQLite::Exception*>(&e);
  if (!sqlite) return false;
  switch (sqlite->getErrorCode() & 0xff) {
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_READONLY:
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_CANTOPEN:
    case SQLITE_NOMEM:
      return true;
    default:
      return false;
  }
}

int bucket_of(std::size_t n) {
  int b = 0;
  for (std::size_t le = 1; b < WriteStats::kBuckets && n > le; le *= 2) ++b;
  return b;
}

}  // namespace

GroupCommitWriter::GroupCommitWriter(const std::string& path, WriteStats& stats)
    : path_(path),
      conn_(std::make_unique<Connection>(path, Connection::Mode::read_write)),
      stats_(stats),
      thread_([this] { loop(); }) {
  // SQLite opens a file it cannot write read-only without a word: refuse to
  // start instead of failing at the first write.
  if (sqlite3_db_readonly(conn_->db().getHandle(), "main") == 1) {
    stop();
    throw std::runtime_error("the database " + path + " is read-only; the service must be able to write it");
  }
}

GroupCommitWriter::~GroupCommitWriter() { stop(); }

void GroupCommitWriter::submit(Job job) {
  {
    std::lock_guard lock(mu_);
    if (!stopping_) {
      queue_.push_back(std::move(job));
      cv_.notify_one();
      return;
    }
  }
  job.complete(&kStopped);
}

void GroupCommitWriter::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
    cv_.notify_one();
  }
  if (thread_.joinable()) thread_.join();
}

void GroupCommitWriter::loop() {
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

void GroupCommitWriter::run_batch(std::deque<Job>& batch) {
  std::vector<const Error*> outcome(batch.size(), nullptr);
  bool committed = false;
  try {
    conn_->exec("BEGIN IMMEDIATE");
    SqliteTx tx(*conn_);
    for (std::size_t i = 0; i < batch.size(); ++i) {
      conn_->statement("SAVEPOINT job").exec();
      bool ok = false;
      try {
        ok = batch[i].run(tx);
      } catch (const std::exception& e) {
        std::fprintf(stderr, "store: write job failed: %s\n", e.what());
        outcome[i] = is_storage_failure(e) ? &kStorageUnavailable : &kInternal;
      }
      conn_->reset_used();
      if (!ok) conn_->statement("ROLLBACK TO job").exec();
      conn_->statement("RELEASE job").exec();
    }
    conn_->exec("COMMIT");
    committed = true;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "store: commit failed: %s\n", e.what());
    try {
      conn_->reset_used();
      conn_->exec("ROLLBACK");
    } catch (...) {
      // The transaction may already be gone; nothing was committed either way.
    }
  }
  stats_.jobs += batch.size();
  stats_.last_commit_failed = !committed;
  if (committed) {
    ++stats_.commits;
    ++stats_.batch_buckets[bucket_of(batch.size())];
  } else {
    ++stats_.failed_commits;
  }
  for (std::size_t i = 0; i < batch.size(); ++i) {
    // A job that returned an Error carries it in its own result; complete()
    // only learns whether the transaction made it to disk.
    batch[i].complete(committed ? outcome[i] : &kStorageUnavailable);
  }
}

}  // namespace tracker::store::sqlite
