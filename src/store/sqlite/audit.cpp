// The hash-chained audit trail: appending inside a write transaction, and
// verifying a database file from end to end.
#include "sqlite_store.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <stdexcept>

#include "audit_chain.hpp"
#include "connection.hpp"
#include "rows.hpp"
#include "sqlite_tx.hpp"

namespace tracker::store::sqlite {
using namespace rows;

void SqliteTx::append_audit(const AuditEntry& e) {
  auto& last = c_.statement("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
  std::int64_t seq = 1;
  std::string prev = audit_chain::genesis();
  if (last.executeStep()) {
    seq = last.getColumn(0).getInt64() + 1;
    prev = blob(last.getColumn(1));
  }
  last.reset();
  auto at = static_cast<std::int64_t>(ms(e.at));
  auto hash = audit_chain::row_hash(prev, seq, at, e.actor, e.action, e.subject, e.detail);
  auto& q = c_.statement(
      "INSERT INTO audit_log (seq, at, actor, action, subject, detail, prev_hash, hash) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  q.bind(1, static_cast<std::int64_t>(seq));
  q.bind(2, static_cast<std::int64_t>(at));
  q.bind(3, e.actor);
  q.bind(4, e.action);
  q.bind(5, e.subject);
  q.bind(6, e.detail);
  bind_blob(q, 7, prev);
  bind_blob(q, 8, hash);
  q.exec();
}

AuditReport verify_audit(const std::string& db_path) {
  SQLite::Database db(db_path, SQLite::OPEN_READONLY);
  SQLite::Statement q(db, "SELECT seq, at, actor, action, subject, detail, prev_hash, hash FROM audit_log ORDER BY seq");
  AuditReport report;
  std::string prev = audit_chain::genesis();
  std::int64_t expected_seq = 1;
  while (q.executeStep()) {
    auto seq = q.getColumn(0).getInt64();
    ++report.rows;
    auto fail = [&](std::string why) {
      report.broken_at = seq;
      report.why = std::move(why);
      return report;
    };
    if (seq != expected_seq) {
      return fail("expected row " + std::to_string(expected_seq) + " here: a row was removed or inserted");
    }
    auto stored_prev = blob(q.getColumn(6));
    auto stored = blob(q.getColumn(7));
    if (stored_prev != prev) return fail("its previous hash is not the hash of the row before");
    auto computed = audit_chain::row_hash(prev, seq, q.getColumn(1).getInt64(), q.getColumn(2).getString(),
                                          q.getColumn(3).getString(), q.getColumn(4).getString(),
                                          q.getColumn(5).getString());
    if (computed != stored) return fail("its content does not match its hash: the row was changed");
    prev = stored;
    ++expected_seq;
  }
  return report;
}

}  // namespace tracker::store::sqlite
