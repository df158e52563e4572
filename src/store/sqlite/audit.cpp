// The hash-chained audit trail: appending inside a write transaction, and
// verifying a database file from end to end.
#include "sqlite_store.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <openssl/evp.h>

#include <stdexcept>

#include "connection.hpp"
#include "rows.hpp"
#include "sqlite_tx.hpp"

namespace tracker::store::sqlite {
using namespace rows;
namespace {

constexpr std::size_t kHashSize = 32;

// JSON string escaping of our own: the canonical form must never change
// with a library's formatting choices.
void append_json_string(std::string& out, const std::string& s) {
  out += '"';
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          static constexpr char kHex[] = "0123456789abcdef";
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 15];
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
}

// [seq, at, actor, action, subject, detail] with detail as a string.
std::string canonical(std::int64_t seq, std::int64_t at, const std::string& actor, const std::string& action,
                      const std::string& subject, const std::string& detail) {
  std::string out = "[" + std::to_string(seq) + "," + std::to_string(at) + ",";
  append_json_string(out, actor);
  out += ',';
  append_json_string(out, action);
  out += ',';
  append_json_string(out, subject);
  out += ',';
  append_json_string(out, detail);
  out += ']';
  return out;
}

std::string chain_hash(const std::string& prev_hash, const std::string& row) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  if (!ctx) throw std::runtime_error("EVP_MD_CTX_new failed");
  bool ok = EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr) == 1 &&
            EVP_DigestUpdate(ctx, prev_hash.data(), prev_hash.size()) == 1 &&
            EVP_DigestUpdate(ctx, row.data(), row.size()) == 1 && EVP_DigestFinal_ex(ctx, digest, &length) == 1;
  EVP_MD_CTX_free(ctx);
  if (!ok || length != kHashSize) throw std::runtime_error("SHA-256 failed");
  return std::string(reinterpret_cast<const char*>(digest), length);
}

}  // namespace

void SqliteTx::append_audit(const AuditEntry& e) {
  auto& last = c_.statement("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
  std::int64_t seq = 1;
  std::string prev(kHashSize, '\0');
  if (last.executeStep()) {
    seq = last.getColumn(0).getInt64() + 1;
    prev = blob(last.getColumn(1));
  }
  last.reset();
  auto at = static_cast<std::int64_t>(ms(e.at));
  auto hash = chain_hash(prev, canonical(seq, at, e.actor, e.action, e.subject, e.detail));
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
  std::string prev(kHashSize, '\0');
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
    auto computed = chain_hash(prev, canonical(seq, q.getColumn(1).getInt64(), q.getColumn(2).getString(),
                                               q.getColumn(3).getString(), q.getColumn(4).getString(),
                                               q.getColumn(5).getString()));
    if (computed != stored) return fail("its content does not match its hash: the row was changed");
    prev = stored;
    ++expected_seq;
  }
  return report;
}

}  // namespace tracker::store::sqlite
