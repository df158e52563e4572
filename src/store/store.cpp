// The store facade: picks the backend for a location. Today every location
// is an SQLite file (store/sqlite).
#include "tracker/store/store.hpp"

#include "sqlite/sqlite_store.hpp"
#include "tracker/store/audit.hpp"
#include "tracker/store/backup.hpp"

namespace tracker::store {

Store::Store(const std::string& location)
    : location_(location), backend_(std::make_unique<sqlite::SqliteStore>(location, stats_)) {}

Store::~Store() { stop(); }

void Store::stop() {
  if (backend_) backend_->stop();
}

int Store::migrate(const std::string& location, const MigrationProgress& progress) {
  return sqlite::migrate(location, progress);
}

AuditReport verify_audit(const std::string& db_path) { return sqlite::verify_audit(db_path); }

BackupContents check_backup(const std::string& file) { return sqlite::check_backup(file); }

RestoreReport restore_backup(const std::string& from, const std::string& to, const ByteProgress& progress) {
  return sqlite::restore_backup(from, to, progress);
}

}  // namespace tracker::store
