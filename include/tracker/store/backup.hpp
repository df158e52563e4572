#pragma once
// Backups and restores of the SQLite file.
//
// A backup is a plain SQLite file made online by Store::backup_to (VACUUM
// INTO: one read transaction, writers go on). A restore checks a backup
// before it trusts it (integrity, audit chain, schema version), copies it
// beside the target, makes the copy durable, moves it into place and brings
// its schema up to this program's version. It never overwrites a database.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "tracker/domain/time.hpp"

namespace tracker::store {

// done and total bytes of a long copy, for a progress display.
using ByteProgress = std::function<void(std::uint64_t done, std::uint64_t total)>;

// What a backup file holds, after checking it.
struct BackupContents {
  int schema_version = 0;
  std::int64_t shipments = 0;
  std::int64_t events = 0;
  std::int64_t audit_rows = 0;
  std::optional<domain::Timestamp> last_recorded_at;  // of the newest event
};

// Opens file read-only and checks it: an SQLite database whose
// PRAGMA integrity_check is "ok", a schema version this program knows (1 to
// latest), an intact audit chain. Throws std::runtime_error naming what
// failed.
BackupContents check_backup(const std::string& file);

struct RestoreReport {
  BackupContents backup;
  int schema_version = 0;  // after migrating the restored copy
};

// Restores from into to. Refuses (std::runtime_error) when to exists and is
// not empty, or has a WAL beside it (a database that is, or was, in use),
// and when the backup does not pass check_backup.
RestoreReport restore_backup(const std::string& from, const std::string& to,
                             const ByteProgress& progress = {});

}  // namespace tracker::store
