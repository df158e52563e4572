// Fuzzes the body of POST /api/v1/scans the way the route reads it: the
// bytes through boost::json::parse with json_body()'s options, then
// parse_scan(). Besides "no crash" it checks every accepted scan (see
// scan_checks.hpp: canonical lower-case UUID, valid tracking number, trimmed
// office, a reason for a failed delivery, the body hash, the timestamp
// round trip, the same scan from the re-serialised JSON) and that every
// rejection is a 400 (wrong JSON type) or a 422 naming at least one field.
#include <cstddef>
#include <cstdint>

#include "fuzz_check.hpp"
#include "json_body.hpp"
#include "parse.hpp"
#include "scan_checks.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto body = tracker::fuzz::json_body(tracker::fuzz::as_text(data, size));
  if (!body) return 0;
  auto scan = tracker::http::parse_scan(*body);
  if (scan) {
    tracker::fuzz::check_scan(*body, *scan);
  } else {
    using tracker::domain::Errc;
    const auto& e = scan.error();
    FUZZ_CHECK(e.errc == Errc::invalid || e.errc == Errc::malformed, e.code);
    FUZZ_CHECK(!e.fields.empty(), e.code);
  }
  return 0;
}
