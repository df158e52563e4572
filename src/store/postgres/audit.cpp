// The hash-chained audit trail on PostgreSQL: one chain per province
// (audit_heads holds each chain's last seq and hash, locked by the writer
// that appends, so writers of different provinces never wait for each
// other), and verifying every chain from end to end.
#include "audit_chain.hpp"
#include "pg_rows.hpp"
#include "pg_store.hpp"
#include "pg_tx.hpp"
#include "provinces.hpp"

namespace tracker::store::postgres {
using namespace rows;

void PgTx::append_audit(const AuditEntry& e) {
  // Takes (creating it the first time) and locks the head of the subject's
  // chain: DO UPDATE locks the row it returns.
  static const std::string kTakeHead =
      "INSERT INTO audit_heads (province, seq, hash) VALUES (" + provinces::of_subject("$1") + ", 0, $2) "
      "ON CONFLICT (province) DO UPDATE SET seq = audit_heads.seq RETURNING province, seq, hash";
  auto head = run(c_, kTakeHead,
                  Params(e.subject).bytes(audit_chain::genesis()));
  Row h(head, 0);
  auto province = h.text(0);
  auto seq = h.int64(1) + 1;
  auto prev = h.bytes(2);
  auto at = ms(e.at);
  auto hash = audit_chain::row_hash(prev, seq, at, e.actor, e.action, e.subject, e.detail);
  run(c_,
      "WITH head AS (UPDATE audit_heads SET seq = $2, hash = $9 WHERE province = $1) "
      "INSERT INTO audit_log (province, seq, at, actor, action, subject, detail, prev_hash, hash) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
      Params(province, seq, at, e.actor, e.action, e.subject, e.detail).bytes(prev).bytes(hash));
}

AuditReport verify_audit(const std::string& url) {
  PgConnection c(url);
  c.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  AuditReport report;
  // Each chain in pages of 10,000 rows (keyset on province, seq).
  std::string province;
  std::int64_t after = 0;
  std::string prev = audit_chain::genesis();
  std::int64_t expected_seq = 1;
  auto fail = [&](std::int64_t seq, std::string why) {
    report.broken_at = seq;
    report.why = "chain of province " + province + ": " + why;
    return report;
  };
  // A chain read to its end: its head must be its last row (else rows were
  // removed from its end).
  auto check_head = [&]() -> bool {
    if (province.empty()) return true;
    auto head = run(c, "SELECT seq, hash FROM audit_heads WHERE province = $1", Params(province));
    return head.rows() == 1 && Row(head, 0).int64(0) == expected_seq - 1 && Row(head, 0).bytes(1) == prev;
  };
  for (;;) {
    auto page = run(c,
                    "SELECT province, seq, at, actor, action, subject, detail, prev_hash, hash FROM audit_log "
                    "WHERE (province, seq) > ($1, $2) ORDER BY province, seq LIMIT 10000",
                    Params(province, after));
    if (page.rows() == 0) break;
    for (int i = 0; i < page.rows(); ++i) {
      Row r(page, i);
      if (r.text(0) != province) {
        if (!check_head()) return fail(expected_seq - 1, "its head is not its last row: rows were removed at its end");
        province = r.text(0);
        prev = audit_chain::genesis();
        expected_seq = 1;
      }
      auto seq = r.int64(1);
      ++report.rows;
      if (seq != expected_seq) {
        return fail(seq, "expected row " + std::to_string(expected_seq) + " here: a row was removed or inserted");
      }
      auto stored_prev = r.bytes(7);
      auto stored = r.bytes(8);
      if (stored_prev != prev) return fail(seq, "its previous hash is not the hash of the row before");
      if (audit_chain::row_hash(prev, seq, r.int64(2), r.text(3), r.text(4), r.text(5), r.text(6)) != stored) {
        return fail(seq, "its content does not match its hash: the row was changed");
      }
      prev = stored;
      ++expected_seq;
      after = seq;
    }
  }
  if (!check_head()) return fail(expected_seq - 1, "its head is not its last row: rows were removed at its end");
  auto headless = run(c, "SELECT count(*) FROM audit_heads h WHERE h.seq > 0 AND NOT EXISTS "
                         "(SELECT 1 FROM audit_log l WHERE l.province = h.province)");
  if (Row(headless, 0).int64(0) > 0) {
    province = "?";
    return fail(0, "a chain's rows are all gone but its head remains");
  }
  c.exec("COMMIT");
  return report;
}

}  // namespace tracker::store::postgres
