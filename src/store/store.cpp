#include "tracker/store/store.hpp"

#include <unordered_map>

#include "connection.hpp"
#include "group_commit_writer.hpp"
#include "migrations.hpp"

namespace tracker::store {
namespace {

std::atomic<std::uint64_t> next_instance_id{1};

// Each thread's read-only connections, one per open Store.
thread_local std::unordered_map<std::uint64_t, std::unique_ptr<Connection>> tl_readers;

}  // namespace

int Store::migrate(const std::string& path, const MigrationProgress& progress) {
  try {
    Connection c(path, Connection::Mode::read_write);
    return apply_migrations(c, progress);
  } catch (const SQLite::Exception& e) {
    // "unable to open database file" alone does not say which file.
    throw std::runtime_error("database " + path + ": " + e.what());
  }
}

Store::Store(const std::string& path) : path_(path), instance_id_(next_instance_id++) {
  migrate(path);
  writer_ = std::make_unique<GroupCommitWriter>(path, stats_);
}

Store::~Store() { stop(); }

void Store::stop() {
  if (writer_) writer_->stop();
}

void Store::submit(std::function<bool(Tx&)> run,
                   std::function<void(const domain::Error*)> complete) {
  writer_->submit({std::move(run), std::move(complete)});
}

Connection& Store::reader() {
  auto& slot = tl_readers[instance_id_];
  if (!slot) slot = std::make_unique<Connection>(path_, Connection::Mode::read_only);
  return *slot;
}

Store::ReadScope::ReadScope(Store& s) : c_(&s.reader()), instance_id_(s.instance_id_) {
  c_->statement("BEGIN").exec();
  tx_ = std::make_unique<Tx>(*c_);
}

Store::ReadScope::~ReadScope() {
  try {
    c_->reset_used();
    c_->statement("COMMIT").exec();
  } catch (...) {
    // A read transaction has nothing to lose, but it must not stay open
    // (it would pin its snapshot and fail every later BEGIN).
    try {
      c_->exec("ROLLBACK");
    } catch (...) {
      tl_readers.erase(instance_id_);  // drop the connection; the next read opens a new one
    }
  }
}

}  // namespace tracker::store
