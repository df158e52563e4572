// The store facade: picks the backend for a location, an SQLite file
// (store/sqlite) or a PostgreSQL URL (store/postgres).
#include "tracker/store/store.hpp"

#include <stdexcept>

#include "postgres/pg_store.hpp"
#include "sqlite/sqlite_store.hpp"
#include "tracker/store/audit.hpp"
#include "tracker/store/backup.hpp"

namespace tracker::store {

namespace {

// Refuses a PostgreSQL URL where only an SQLite file can be meant.
const std::string& sqlite_file(const std::string& location, const char* what) {
  if (postgres::is_url(location)) {
    throw std::runtime_error(std::string(what) + " works on an SQLite database file; on PostgreSQL use pg_restore "
                             "(docs/postgres.md)");
  }
  return location;
}

std::unique_ptr<StoreBackend> open_backend(const std::string& location, WriteStats& stats) {
  if (postgres::is_url(location)) return std::make_unique<postgres::PgStore>(location, stats);
  return std::make_unique<sqlite::SqliteStore>(location, stats);
}

}  // namespace

Store::Store(const std::string& location)
    : location_(location),
      backend_(open_backend(location, stats_)) {}

Store::~Store() { stop(); }

void Store::stop() {
  if (backend_) backend_->stop();
}

int Store::migrate(const std::string& location, const MigrationProgress& progress, const std::string& grant_to) {
  if (postgres::is_url(location)) return postgres::migrate(location, progress, grant_to);
  if (!grant_to.empty()) throw std::runtime_error("--grant-to is for a PostgreSQL database");
  return sqlite::migrate(location, progress);
}

bool is_postgres(const std::string& location) { return postgres::is_url(location); }

std::string describe_location(const std::string& location) {
  if (!postgres::is_url(location)) return location;
  // scheme://user:password@host… → scheme://user@host…
  auto start = location.find("://") + 3;
  auto at = location.find('@', start);
  auto slash = location.find('/', start);
  if (at == std::string::npos || (slash != std::string::npos && slash < at)) return location;
  auto colon = location.find(':', start);
  if (colon == std::string::npos || colon > at) return location;
  return location.substr(0, colon) + location.substr(at);
}

AuditReport verify_audit(const std::string& db_path) {
  if (postgres::is_url(db_path)) return postgres::verify_audit(db_path);
  return sqlite::verify_audit(db_path);
}

BackupContents check_backup(const std::string& file) { return sqlite::check_backup(file); }

RestoreReport restore_backup(const std::string& from, const std::string& to, const ByteProgress& progress) {
  return sqlite::restore_backup(from, sqlite_file(to, "restore"), progress);
}

}  // namespace tracker::store
