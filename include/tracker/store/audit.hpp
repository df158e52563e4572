#pragma once
// Checking the audit trail (migration 007): every row's hash is
// SHA-256(previous row's hash || canonical JSON of the row), the first
// row's previous hash is 32 zero bytes, and seq runs 1, 2, 3, … . A row
// changed, removed, inserted or reordered breaks the chain there.
#include <cstdint>
#include <optional>
#include <string>

namespace tracker::store {

struct AuditReport {
  std::int64_t rows = 0;                 // rows read
  std::optional<std::int64_t> broken_at; // seq of the first row that does not fit
  std::string why;                       // what did not fit there
};

// Opens the database file read-only and walks the whole chain.
AuditReport verify_audit(const std::string& db_path);

}  // namespace tracker::store
