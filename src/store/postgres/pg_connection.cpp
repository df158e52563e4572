#include "pg_connection.hpp"

#include "pg_store.hpp"

#include <stdexcept>

namespace tracker::store::postgres {

namespace {

std::string error_of(PGconn* c) {
  std::string message = c ? PQerrorMessage(c) : "out of memory";
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  return message;
}

// Throws unless `r` is one of the `ok` statuses.
PgResult checked(PGconn* c, PGresult* raw, std::initializer_list<ExecStatusType> ok, const std::string& what) {
  PgResult r(raw);
  auto status = raw ? PQresultStatus(raw) : PGRES_FATAL_ERROR;
  for (auto s : ok) {
    if (status == s) return r;
  }
  std::string state = raw && PQresultErrorField(raw, PG_DIAG_SQLSTATE) ? PQresultErrorField(raw, PG_DIAG_SQLSTATE) : "";
  std::string message = raw && *PQresultErrorMessage(raw) ? PQresultErrorMessage(raw) : error_of(c);
  while (!message.empty() && message.back() == '\n') message.pop_back();
  throw PgError(what + ": " + (state.empty() ? "" : state + " ") + message, state);
}

}  // namespace

bool PgError::storage_failure() const {
  if (sqlstate_.empty()) return true;
  auto cls = sqlstate_.substr(0, 2);
  return cls == "08" || cls == "53" || cls == "57" || cls == "58";
}

bool is_url(const std::string& location) {
  return location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0;
}

PgConnection::PgConnection(const std::string& url) : conn_(PQconnectdb(url.c_str()), &PQfinish) {
  if (!conn_ || PQstatus(conn_.get()) != CONNECTION_OK) {
    throw PgError("PostgreSQL: cannot connect: " + error_of(conn_.get()), "08001");
  }
  // Quiet NOTICEs (CREATE … IF NOT EXISTS and the like) stay out of the logs.
  PQsetNoticeProcessor(conn_.get(), [](void*, const char*) {}, nullptr);
}

void PgConnection::exec(const std::string& sql) {
  checked(conn_.get(), PQexec(conn_.get(), sql.c_str()), {PGRES_COMMAND_OK, PGRES_TUPLES_OK}, "PostgreSQL");
}

PgResult PgConnection::query(const std::string& sql, const std::vector<const char*>& params) {
  return checked(conn_.get(),
                 PQexecParams(conn_.get(), sql.c_str(), static_cast<int>(params.size()), nullptr, params.data(),
                              nullptr, nullptr, 0),
                 {PGRES_COMMAND_OK, PGRES_TUPLES_OK}, "PostgreSQL");
}

PgResult PgConnection::prepared(const std::string& sql, const ParamPointers& params) {
  auto found = statements_.find(sql);
  if (found == statements_.end()) {
    auto name = "s" + std::to_string(statements_.size() + 1);
    checked(conn_.get(), PQprepare(conn_.get(), name.c_str(), sql.c_str(), 0, nullptr), {PGRES_COMMAND_OK},
            "PostgreSQL: preparing " + sql.substr(0, 60));
    found = statements_.emplace(sql, std::move(name)).first;
  }
  return checked(conn_.get(),
                 PQexecPrepared(conn_.get(), found->second.c_str(), static_cast<int>(params.size()), params.data(),
                                nullptr, nullptr, 0),
                 {PGRES_COMMAND_OK, PGRES_TUPLES_OK}, "PostgreSQL");
}

void PgConnection::copy_in(const std::string& copy_sql, const std::string& data) {
  checked(conn_.get(), PQexec(conn_.get(), copy_sql.c_str()), {PGRES_COPY_IN}, "PostgreSQL " + copy_sql);
  if (PQputCopyData(conn_.get(), data.data(), static_cast<int>(data.size())) != 1 ||
      PQputCopyEnd(conn_.get(), nullptr) != 1) {
    throw PgError("PostgreSQL " + copy_sql + ": " + error_of(conn_.get()), "");
  }
  checked(conn_.get(), PQgetResult(conn_.get()), {PGRES_COMMAND_OK}, "PostgreSQL " + copy_sql);
  while (PGresult* extra = PQgetResult(conn_.get())) PQclear(extra);
}

std::string copy_field(const std::string& value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace tracker::store::postgres
