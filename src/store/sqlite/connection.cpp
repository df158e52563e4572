#include "connection.hpp"

namespace tracker::store::sqlite {
namespace {

int open_flags(Connection::Mode mode) {
  return mode == Connection::Mode::read_write ? SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE
                                              : SQLite::OPEN_READONLY;
}

}  // namespace

Connection::Connection(const std::string& path, Mode mode)
    : db_(path, open_flags(mode) | SQLite::OPEN_NOMUTEX, 5000) {
  if (mode == Mode::read_write) {
    db_.exec("PRAGMA journal_mode=WAL");
    db_.exec("PRAGMA synchronous=FULL");
  }
  db_.exec("PRAGMA foreign_keys=ON");
  // A larger page cache and memory-mapped reads: the benchmark showed scans
  // spending a fifth of their time in pread() with the 2 MB default.
  db_.exec("PRAGMA cache_size=-65536");
  db_.exec("PRAGMA mmap_size=268435456");
}

SQLite::Statement& Connection::statement(const std::string& sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    it = cache_.emplace(sql, std::make_unique<SQLite::Statement>(db_, sql)).first;
  } else {
    it->second->tryReset();
    it->second->clearBindings();
  }
  used_.push_back(it->second.get());
  return *it->second;
}

void Connection::reset_used() {
  for (auto* q : used_) q->tryReset();  // the code of a failed step is not news here
  used_.clear();
}

}  // namespace tracker::store::sqlite
