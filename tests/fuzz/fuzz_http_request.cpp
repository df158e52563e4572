// Fuzzes HTTP request parsing as a session sees it: parse_wire_request()
// (src/http/wire.hpp) runs Beast's parser with the session's limits, splits
// and decodes the target and lower-cases header names, all without a
// socket. Besides "no crash" it checks that the outcome is one of the
// documented ones (a request, -1 for "incomplete", 400, 413 or 431), and
// that a request handed to the router has a method, an origin-form target
// whose decoded path starts with '/', lower-case header names, a body within
// the limit of its route (8 MiB for /api/v1/barcodes/decode, else 1 MiB)
// and, when Content-Length was sent (one value or a list of equal ones),
// exactly that many body bytes.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.hpp"
#include "routes/routes.hpp"
#include "wire.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto bytes = tracker::fuzz::as_text(data, size);
  static const auto router = tracker::http::make_router();
  const auto result = tracker::http::parse_wire_request(bytes, router);
  const int s = result.status;
  FUZZ_CHECK(s == 0 || s == -1 || s == 400 || s == 413 || s == 431, std::to_string(s));
  if (s != 0) return 0;

  const auto& r = result.request;
  FUZZ_CHECK(!r.method.empty(), "no method");
  FUZZ_CHECK(!r.target.empty() && r.target.front() == '/', r.target);
  FUZZ_CHECK(!r.path.empty() && r.path.front() == '/', r.path);
  for (const auto& [name, value] : r.headers) {
    FUZZ_CHECK(!name.empty(), "empty header name");
    for (char c : name) FUZZ_CHECK(!(c >= 'A' && c <= 'Z'), name);
  }
  const std::size_t limit =
      r.path == "/api/v1/barcodes/decode" ? 8u << 20 : 1u << 20;
  FUZZ_CHECK(r.body.size() <= limit, std::to_string(r.body.size()));
  if (auto length = r.header("content-length"); length && r.header("transfer-encoding") == std::nullopt) {
    // Beast takes a list of equal values ("42, 042") as RFC 9110 8.6 allows.
    bool ok = true;
    std::size_t start = 0;
    while (ok && start <= length->size()) {
      auto end = length->find(',', start);
      if (end == std::string::npos) end = length->size();
      std::string_view item = std::string_view(*length).substr(start, end - start);
      while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
      while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
      std::uint64_t n = 0;
      ok = !item.empty();
      for (char c : item) {
        ok = ok && c >= '0' && c <= '9' && n <= (UINT64_MAX - 9) / 10;
        if (ok) n = n * 10 + static_cast<std::uint64_t>(c - '0');
      }
      ok = ok && n == r.body.size();
      start = end + 1;
    }
    FUZZ_CHECK(ok, *length + " vs " + std::to_string(r.body.size()));
  }
  return 0;
}
