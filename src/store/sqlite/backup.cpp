// Checking a backup file and restoring it without ever overwriting a
// database (see backup.hpp).
#include "sqlite_store.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <vector>

#include "connection.hpp"
#include "migrations.hpp"
#include "rows.hpp"
#include "tracker/store/audit.hpp"
#include "sqlite_store.hpp"

namespace tracker::store::sqlite {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void refuse(const std::string& why) { throw std::runtime_error(why); }

std::string errno_text() { return std::strerror(errno); }

// A file descriptor closed on every path out.
class Fd {
 public:
  Fd(const std::string& path, int flags, mode_t mode = 0) : fd_(::open(path.c_str(), flags | O_CLOEXEC, mode)) {
    if (fd_ < 0) refuse("cannot open " + path + ": " + errno_text());
  }
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

// Copies from into a new file to and fsyncs it; removes it on failure.
void durable_copy(const std::string& from, const std::string& to, const ByteProgress& progress) {
  const auto total = fs::file_size(from);
  try {
    Fd in(from, O_RDONLY);
    Fd out(to, O_WRONLY | O_CREAT | O_EXCL, 0640);
    std::vector<char> buffer(4 << 20);
    std::uint64_t done = 0;
    for (;;) {
      auto n = ::read(in.get(), buffer.data(), buffer.size());
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) refuse("cannot read " + from + ": " + errno_text());
      if (n == 0) break;
      for (ssize_t written = 0; written < n;) {
        auto w = ::write(out.get(), buffer.data() + written, static_cast<std::size_t>(n - written));
        if (w < 0 && errno == EINTR) continue;
        if (w < 0) refuse("cannot write " + to + ": " + errno_text());
        written += w;
      }
      done += static_cast<std::uint64_t>(n);
      if (progress) progress(done, total);
    }
    if (::fsync(out.get()) != 0) refuse("cannot sync " + to + ": " + errno_text());
  } catch (...) {
    std::error_code ignored;
    fs::remove(to, ignored);
    throw;
  }
}

// The rename into place survives a crash only once its directory is synced.
void sync_directory(const fs::path& dir) {
  Fd d(dir.empty() ? "." : dir.string(), O_RDONLY | O_DIRECTORY);
  if (::fsync(d.get()) != 0) refuse("cannot sync " + dir.string() + ": " + errno_text());
}

bool has_table(SQLite::Database& db, const char* name) {
  SQLite::Statement q(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?");
  q.bind(1, name);
  return q.executeStep();
}

void sync_file(const std::string& path) {
  Fd f(path, O_RDONLY);
  if (::fsync(f.get()) != 0) refuse("cannot sync " + path + ": " + errno_text());
}

}  // namespace

// VACUUM INTO writes the copy without syncing it: a backup that reported
// success is on disk only after these two syncs.
void SqliteStore::backup_to(const std::string& file) {
  auto& q = reader().statement("VACUUM INTO ?");
  q.bind(1, file);
  q.exec();
  reader().reset_used();
  sync_file(file);
  sync_directory(fs::path(file).parent_path());
}

BackupContents check_backup(const std::string& file) {
  if (!fs::is_regular_file(file)) refuse("no backup file at " + file);
  BackupContents contents;
  try {
    SQLite::Database db(file, SQLite::OPEN_READONLY);
    // The first page is read here: a file that is not SQLite fails now.
    contents.schema_version = db.execAndGet("PRAGMA user_version").getInt();
    SQLite::Statement integrity(db, "PRAGMA integrity_check(5)");
    std::string problems;
    while (integrity.executeStep()) {
      auto line = integrity.getColumn(0).getString();
      if (line != "ok") problems += (problems.empty() ? "" : "; ") + line;
    }
    if (!problems.empty()) refuse(file + " is damaged (integrity check: " + problems + ")");
    if (contents.schema_version < 1 || !has_table(db, "shipments")) {
      refuse(file + " is not a dossier-tracker database (schema version " +
             std::to_string(contents.schema_version) + ")");
    }
    if (contents.schema_version > latest_schema_version()) {
      refuse(file + " has schema version " + std::to_string(contents.schema_version) +
             ", newer than this program's " + std::to_string(latest_schema_version()) +
             ": restore it with a newer dossier-tracker");
    }
    contents.shipments = db.execAndGet("SELECT count(*) FROM shipments").getInt64();
    contents.events = db.execAndGet("SELECT count(*) FROM events").getInt64();
    auto last = db.execAndGet("SELECT max(recorded_at) FROM events");
    if (!last.isNull()) contents.last_recorded_at = rows::ts(last.getInt64());
    if (!has_table(db, "audit_log")) return contents;  // older than the audit trail (schema 7)
  } catch (const SQLite::Exception& e) {
    refuse(file + " is not a readable SQLite database: " + e.what());
  }
  auto audit = verify_audit(file);
  if (audit.broken_at) {
    refuse(file + ": audit trail broken at row " + std::to_string(*audit.broken_at) + ": " + audit.why);
  }
  contents.audit_rows = audit.rows;
  return contents;
}

namespace {

// A database in use has its -wal or -shm beside it.
bool in_use(const std::string& db) {
  std::error_code ec;
  return fs::exists(db + "-wal", ec) || fs::exists(db + "-shm", ec);
}

void refuse_target(const std::string& to) {
  if (in_use(to)) {
    refuse(to + " is, or was, in use (" + to + "-wal exists): stop the service and move the old files aside first");
  }
  std::error_code ec;
  if (fs::exists(to, ec) && !(fs::is_regular_file(to, ec) && fs::file_size(to, ec) == 0)) {
    refuse(to + " exists: restore never overwrites a database; move it aside first");
  }
}

}  // namespace

// The copy is checked and migrated under a hidden name beside the target,
// and linked into place only if nothing appeared there meanwhile (link(2)
// never replaces a file, unlike rename(2)): a database created while the
// restore ran (a service or a timer started too early) is left alone.
RestoreReport restore_backup(const std::string& from, const std::string& to, const ByteProgress& progress) {
  refuse_target(to);
  if (in_use(from)) {
    refuse(from + " has a -wal beside it: it is a live database, not a backup; make one with 'dossier-tracker backup'");
  }
  if (!fs::is_regular_file(from)) refuse("no backup file at " + from);
  RestoreReport report;
  const fs::path target(to);
  const auto partial = (target.parent_path() / ("." + target.filename().string() + ".restoring")).string();
  std::error_code ec;
  for (const auto* suffix : {"", "-wal", "-shm"}) fs::remove(partial + suffix, ec);  // an interrupted restore's
  durable_copy(from, partial, progress);
  try {
    // Checked once, on the copy itself: what goes into place is what was checked.
    report.backup = check_backup(partial);
    report.schema_version = migrate(partial);
    sync_file(partial);
    refuse_target(to);
    if (fs::exists(to, ec)) fs::remove(to);  // an empty file (refuse_target let it pass)
    if (::link(partial.c_str(), to.c_str()) != 0) {
      refuse("cannot put the restored database at " + to + ": " + errno_text());
    }
  } catch (...) {
    for (const auto* suffix : {"", "-wal", "-shm"}) fs::remove(partial + suffix, ec);
    throw;
  }
  fs::remove(partial);
  sync_directory(target.parent_path());
  return report;
}

}  // namespace tracker::store::sqlite
