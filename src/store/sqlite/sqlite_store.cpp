#include "sqlite_store.hpp"

#include <unordered_map>

#include "connection.hpp"
#include "group_commit_writer.hpp"
#include "migrations.hpp"
#include "sqlite_tx.hpp"

namespace tracker::store::sqlite {
namespace {

std::atomic<std::uint64_t> next_instance_id{1};

// Each thread's read-only connections, one per open store.
thread_local std::unordered_map<std::uint64_t, std::unique_ptr<Connection>> tl_readers;

}  // namespace

int migrate(const std::string& path, const MigrationProgress& progress) {
  try {
    Connection c(path, Connection::Mode::read_write);
    return apply_migrations(c, progress);
  } catch (const SQLite::Exception& e) {
    // "unable to open database file" alone does not say which file.
    throw std::runtime_error("database " + path + ": " + e.what());
  }
}

SqliteStore::SqliteStore(const std::string& path, WriteStats& stats)
    : path_(path), instance_id_(next_instance_id++) {
  migrate(path);
  writer_ = std::make_unique<GroupCommitWriter>(path, stats);
}

SqliteStore::~SqliteStore() { stop(); }

void SqliteStore::stop() {
  if (writer_) writer_->stop();
}

void SqliteStore::submit(std::function<bool(Tx&)> run, std::function<void(const domain::Error*)> complete) {
  writer_->submit({std::move(run), std::move(complete)});
}

Connection& SqliteStore::reader() {
  auto& slot = tl_readers[instance_id_];
  if (!slot) slot = std::make_unique<Connection>(path_, Connection::Mode::read_only);
  return *slot;
}

void SqliteStore::read(const std::function<void(Tx&)>& f) {
  Connection& c = reader();
  c.statement("BEGIN").exec();
  // Ends the read transaction whatever f does: it must not stay open (it
  // would pin its snapshot and fail every later BEGIN).
  struct End {
    Connection& c;
    std::uint64_t instance_id;
    ~End() {
      try {
        c.reset_used();
        c.statement("COMMIT").exec();
      } catch (...) {
        try {
          c.exec("ROLLBACK");
        } catch (...) {
          tl_readers.erase(instance_id);  // drop the connection; the next read opens a new one
        }
      }
    }
  } end{c, instance_id_};
  SqliteTx tx(c);
  f(tx);
}

}  // namespace tracker::store::sqlite
