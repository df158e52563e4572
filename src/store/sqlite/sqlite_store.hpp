#pragma once
// The SQLite backend of the store: one file in WAL mode, one writer thread
// that group-commits (GroupCommitWriter), a read-only connection per thread.
// What the rest of the program reaches through tracker/store/store.hpp,
// audit.hpp and backup.hpp.
#include <cstdint>
#include <memory>
#include <string>

#include "tracker/store/audit.hpp"
#include "tracker/store/backup.hpp"
#include "tracker/store/store.hpp"

namespace tracker::store::sqlite {

class Connection;
class GroupCommitWriter;

class SqliteStore final : public StoreBackend {
 public:
  // Migrates the file (creating it if needed), then starts the writer.
  SqliteStore(const std::string& path, WriteStats& stats);
  ~SqliteStore() override;
  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;

  void submit(std::function<bool(Tx&)> run, std::function<void(const domain::Error*)> complete) override;
  void read(const std::function<void(Tx&)>& f) override;
  void backup_to(const std::string& file) override;
  void stop() override;

 private:
  Connection& reader();

  std::string path_;
  std::uint64_t instance_id_;
  std::unique_ptr<GroupCommitWriter> writer_;
};

// Applies pending migrations to the file; returns the schema version.
int migrate(const std::string& path, const MigrationProgress& progress = {});

// See tracker/store/audit.hpp and backup.hpp.
AuditReport verify_audit(const std::string& db_path);
BackupContents check_backup(const std::string& file);
RestoreReport restore_backup(const std::string& from, const std::string& to, const ByteProgress& progress);

}  // namespace tracker::store::sqlite
