#pragma once
// The PostgreSQL backend of the store: its schema (db/postgres/*.sql,
// partitioned by province) applied from empty or brought up to date, one
// writer connection per service instance that group-commits (a SAVEPOINT
// per job, synchronous_commit on, a batch run again after a deadlock), a
// read connection per thread. Several instances may share one database:
// the Tx's statements lock what they change (see docs/postgres.md). What
// the facade (src/store/store.cpp) reaches.
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "tracker/store/audit.hpp"
#include "tracker/store/store.hpp"

namespace tracker::store::postgres {

class PgConnection;
class PgTx;

class PgStore final : public StoreBackend {
 public:
  // Migrates the database, connects the writer and starts its thread.
  PgStore(const std::string& url, WriteStats& stats);
  ~PgStore() override;
  PgStore(const PgStore&) = delete;
  PgStore& operator=(const PgStore&) = delete;

  void submit(std::function<bool(Tx&)> run, std::function<void(const domain::Error*)> complete) override;
  void read(const std::function<void(Tx&)>& f) override;
  void backup_to(const std::string& file) override;
  void stop() override;

 private:
  struct Job {
    std::function<bool(Tx&)> run;
    std::function<void(const domain::Error*)> complete;
  };
  void loop();
  void run_batch(std::deque<Job>& batch);
  // Whether the job's work stays; `outcome` is set when it failed.
  bool run_job(PgTx& tx, Job& job, const domain::Error*& outcome);

  std::string url_;
  WriteStats& stats_;
  std::uint64_t instance_id_;
  std::unique_ptr<PgConnection> writer_;  // the writer thread's only
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Job> queue_;
  bool stopping_ = false;
  std::thread thread_;
};

// Walks every province's audit chain (see tracker/store/audit.hpp).
AuditReport verify_audit(const std::string& url);

// True when `location` names a PostgreSQL database (postgresql:// or postgres://).
bool is_url(const std::string& location);

// Applies the migrations the database lacks, each in its own transaction,
// one migrator at a time (an advisory lock), and returns the schema version.
// With `grant_to` (a role name) that role gets SELECT and INSERT on the
// append-only tables (events, dossier_statuses, audit_log), no UPDATE or
// DELETE on them, and what the service needs on the others. Throws
// std::runtime_error naming what failed.
int migrate(const std::string& url, const MigrationProgress& progress, const std::string& grant_to);

}  // namespace tracker::store::postgres
