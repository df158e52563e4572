// Fuzzes the body of POST /api/v1/scans/batch (the scan station's offline
// queue) through the same steps as the route: json_body()'s parse, then
// parse_scan_batch() (src/http/parse.hpp). Besides "no crash" it checks one
// result and one id per item, every accepted scan as fuzz_scan_body does,
// and that an accepted scan's event_id is the item's event_id canonicalised.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz_check.hpp"
#include "json_body.hpp"
#include "parse.hpp"
#include "scan_checks.hpp"

namespace {

namespace json = boost::json;
using namespace tracker::domain;

constexpr std::size_t kMaxBatch = 500;  // the route's limit

std::string canonical_id(std::string_view raw) {
  const auto b = raw.find_first_not_of(" \t\r\n");
  const auto e = raw.find_last_not_of(" \t\r\n");
  std::string s(b == std::string_view::npos ? std::string_view{} : raw.substr(b, e - b + 1));
  for (auto& c : s) c = static_cast<char>(c >= 'A' && c <= 'F' ? c - 'A' + 'a' : c);
  return s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto body = tracker::fuzz::json_body(tracker::fuzz::as_text(data, size));
  if (!body) return 0;
  auto batch = tracker::http::parse_scan_batch(*body, kMaxBatch);
  if (!batch) {
    FUZZ_CHECK(batch.error().errc == Errc::malformed || batch.error().errc == Errc::invalid, batch.error().code);
    return 0;
  }
  const auto& parsed = batch->scans;
  const auto& ids = batch->event_ids;
  const auto& items = body->at("scans").as_array();
  FUZZ_CHECK(parsed.size() == items.size() && ids.size() == items.size(), "one result per item");
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (parsed[i]) {
      FUZZ_CHECK(items[i].is_object(), "a scan from a non-object");
      tracker::fuzz::check_scan(items[i].as_object(), *parsed[i]);
      FUZZ_CHECK(canonical_id(ids[i]) == parsed[i]->event_id, ids[i]);
    } else {
      const auto& e = parsed[i].error();
      FUZZ_CHECK(e.errc == Errc::invalid || e.errc == Errc::malformed, e.code);
    }
  }
  return 0;
}
