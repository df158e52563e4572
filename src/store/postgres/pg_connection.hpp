#pragma once
// One libpq connection with its prepared statements. Private to
// store/postgres: libpq types never leave this folder.
#include <libpq-fe.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

namespace tracker::store::postgres {

// A failed statement or connection: libpq's message (never a password) and
// the SQLSTATE when the server gave one ("40P01" deadlock, "40001"
// serialisation failure, "23505" unique violation, "" for a lost link).
class PgError : public std::runtime_error {
 public:
  PgError(const std::string& what, std::string sqlstate) : std::runtime_error(what), sqlstate_(std::move(sqlstate)) {}
  const std::string& sqlstate() const { return sqlstate_; }
  // Another writer got in the way: run the transaction again.
  bool retryable() const { return sqlstate_ == "40P01" || sqlstate_ == "40001"; }
  // A unique key refused a row that another writer committed meanwhile.
  bool unique_violation() const { return sqlstate_ == "23505"; }
  // The server or the link failed, not the statement (class 08, 53, 57, 58
  // or no answer at all): the storage is unavailable.
  bool storage_failure() const;

 private:
  std::string sqlstate_;
};

// A result that is cleared when it goes out of scope.
class PgResult {
 public:
  explicit PgResult(PGresult* r) : r_(r, &PQclear) {}
  PGresult* get() const { return r_.get(); }
  int rows() const { return PQntuples(r_.get()); }
  std::string text(int row, int column) const { return PQgetvalue(r_.get(), row, column); }
  const char* c_str(int row, int column) const { return PQgetvalue(r_.get(), row, column); }
  int length(int row, int column) const { return PQgetlength(r_.get(), row, column); }
  bool is_null(int row, int column) const { return PQgetisnull(r_.get(), row, column) != 0; }

 private:
  std::unique_ptr<PGresult, decltype(&PQclear)> r_;
};

// Text parameters of one statement; nullptr is NULL.
using ParamPointers = std::vector<const char*>;

class PgConnection {
 public:
  // Connects to `url` (a libpq connection URI); throws PgError with libpq's
  // message, never the password.
  explicit PgConnection(const std::string& url);
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  // Runs one or more statements without parameters; throws naming the
  // statement's error (SQLSTATE and message).
  void exec(const std::string& sql);
  // One statement with text parameters ($1, $2, …; nullptr for NULL).
  PgResult query(const std::string& sql, const ParamPointers& params = {});
  // The same, prepared on this connection the first time it runs and reused
  // after: the statements of the store's Tx.
  PgResult prepared(const std::string& sql, const ParamPointers& params);
  // COPY table (columns) FROM STDIN in text format, rows already escaped
  // (copy_field()).
  void copy_in(const std::string& copy_sql, const std::string& data);

  // False when the link to the server is gone (the caller opens another).
  bool ok() const { return PQstatus(conn_.get()) == CONNECTION_OK; }
  PGconn* get() { return conn_.get(); }

 private:
  std::unique_ptr<PGconn, decltype(&PQfinish)> conn_;
  std::unordered_map<std::string, std::string> statements_;  // SQL -> prepared statement's name
};

// A field for COPY … FROM STDIN (text format): backslash, tab and newline
// escaped.
std::string copy_field(const std::string& value);

}  // namespace tracker::store::postgres
