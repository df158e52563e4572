#pragma once
// The audit trail's hash chain, the same on every backend (see
// tracker/store/audit.hpp): each row's hash is SHA-256(previous hash ||
// canonical JSON [seq, at, actor, action, subject, detail]). Private to
// src/store.
#include <cstddef>
#include <cstdint>
#include <string>

namespace tracker::store::audit_chain {

constexpr std::size_t kHashSize = 32;

// The previous hash of a chain's first row: 32 zero bytes.
inline std::string genesis() { return std::string(kHashSize, '\0'); }

// The row's hash after `prev_hash`.
std::string row_hash(const std::string& prev_hash, std::int64_t seq, std::int64_t at, const std::string& actor,
                     const std::string& action, const std::string& subject, const std::string& detail);

}  // namespace tracker::store::audit_chain
