#pragma once
// Invariants of a ScanRequest that parse_scan() accepted, shared by
// fuzz_scan_body and fuzz_batch_body.
#include <boost/json/serialize.hpp>
#include <string>

#include "fuzz_check.hpp"
#include "json_body.hpp"
#include "parse.hpp"
#include "tracker/auth/secrets.hpp"
#include "tracker/domain/time.hpp"

namespace tracker::fuzz {

inline bool canonical_uuid(std::string_view s) {
  if (s.size() != 36) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const bool ok = (i == 8 || i == 13 || i == 18 || i == 23) ? c == '-'
                                                              : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    if (!ok) return false;
  }
  return true;
}

inline bool trimmed(std::string_view s) {
  constexpr std::string_view kSpace = " \t\r\n";
  return s.empty() || (kSpace.find(s.front()) == std::string_view::npos &&
                       kSpace.find(s.back()) == std::string_view::npos);
}

// o is the object parse_scan() turned into scan.
inline void check_scan(const boost::json::object& o, const tracking::ScanRequest& scan) {
  using namespace tracker::domain;
  FUZZ_CHECK(canonical_uuid(scan.event_id), scan.event_id);
  FUZZ_CHECK(scan.tracking_number.str().size() == 13, scan.tracking_number.str());
  auto tn = TrackingNumber::parse(scan.tracking_number.str());
  FUZZ_CHECK(tn && *tn == scan.tracking_number, scan.tracking_number.str());
  FUZZ_CHECK(!scan.office.empty() && scan.office.size() <= 32 && trimmed(scan.office), scan.office);
  FUZZ_CHECK(scan.type != EventType::delivery_failed || scan.reason.has_value(), "failed without reason");
  FUZZ_CHECK(!scan.note || (scan.note->size() <= 500 && trimmed(*scan.note)), *scan.note);
  if (scan.recipient) FUZZ_CHECK(!scan.recipient->name.empty(), "recipient without a name");
  if (scan.dossier_code) {
    auto again = DossierCode::parse(scan.dossier_code->str());
    FUZZ_CHECK(again && *again == *scan.dossier_code, scan.dossier_code->str());
  }
  // The body hash is SHA-256 (raw 32 bytes) of the canonical form.
  FUZZ_CHECK(scan.body_hash.size() == 32, auth::to_hex(scan.body_hash));
  FUZZ_CHECK(scan.body_hash == auth::sha256(tracking::canonical_form(scan)), auth::to_hex(scan.body_hash));
  // The instant survives being written back out (responses, webhooks, the
  // audit log all use format_rfc3339) and read again.
  const std::string at = format_rfc3339(scan.occurred_at);
  auto at_again = parse_rfc3339(at);
  FUZZ_CHECK(at_again && *at_again == scan.occurred_at, at);
  // The same JSON value, serialised and parsed again, is the same scan: what
  // a client retrying with an equivalent body gets (idempotency by body_hash).
  if (auto round = reparsed(o)) {
    auto again = http::parse_scan(*round);
    FUZZ_CHECK(again && again->body_hash == scan.body_hash, boost::json::serialize(o));
  }
}

}  // namespace tracker::fuzz
