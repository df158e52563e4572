#pragma once
// One libpq connection. Private to store/postgres: libpq types never leave
// this folder.
#include <libpq-fe.h>

#include <memory>
#include <string>
#include <vector>

namespace tracker::store::postgres {

// A result that is cleared when it goes out of scope.
class PgResult {
 public:
  explicit PgResult(PGresult* r) : r_(r, &PQclear) {}
  PGresult* get() const { return r_.get(); }
  int rows() const { return PQntuples(r_.get()); }
  std::string text(int row, int column) const { return PQgetvalue(r_.get(), row, column); }
  bool is_null(int row, int column) const { return PQgetisnull(r_.get(), row, column) != 0; }

 private:
  std::unique_ptr<PGresult, decltype(&PQclear)> r_;
};

class PgConnection {
 public:
  // Connects to `url` (a libpq connection URI); throws std::runtime_error
  // with libpq's message, never the password.
  explicit PgConnection(const std::string& url);
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  // Runs one or more statements without parameters; throws naming the
  // statement's error (SQLSTATE and message).
  void exec(const std::string& sql);
  // One statement with text parameters ($1, $2, …; nullptr for NULL).
  PgResult query(const std::string& sql, const std::vector<const char*>& params = {});
  // COPY table (columns) FROM STDIN in text format, rows already escaped
  // (copy_field()).
  void copy_in(const std::string& copy_sql, const std::string& data);

  PGconn* get() { return conn_.get(); }

 private:
  std::unique_ptr<PGconn, decltype(&PQfinish)> conn_;
};

// A field for COPY … FROM STDIN (text format): backslash, tab and newline
// escaped.
std::string copy_field(const std::string& value);

}  // namespace tracker::store::postgres
