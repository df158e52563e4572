#pragma once
// One SQLite connection with its cache of prepared statements. Private to
// the store: SQLiteCpp types never leave this folder.
#include <SQLiteCpp/SQLiteCpp.h>

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace tracker::store::sqlite {

class Connection {
 public:
  enum class Mode { read_write, read_only };
  Connection(const std::string& path, Mode mode);

  // The cached statement for sql, reset and with bindings cleared.
  SQLite::Statement& statement(const std::string& sql);
  SQLite::Database& db() { return db_; }
  // Resets every statement used since the last call, so none holds a read
  // snapshot open past the end of its transaction.
  void reset_used();
  void exec(const char* sql) { db_.exec(sql); }

 private:
  SQLite::Database db_;
  std::unordered_map<std::string, std::unique_ptr<SQLite::Statement>> cache_;
  std::vector<SQLite::Statement*> used_;
};

}  // namespace tracker::store::sqlite
