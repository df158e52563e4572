// Fuzzes parse_form() (application/x-www-form-urlencoded bodies of the
// staff pages' login and scan forms, and the citizen lookup). Besides "no
// crash" it checks that every name and value came out decoded (no '+'
// survives as a separator: a literal '+' only from "%2B"), and that a body
// built back from the result with every byte percent-encoded parses to the
// same map.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.hpp"
#include "parse.hpp"

namespace {

std::string encode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    out += '%';
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto body = tracker::fuzz::as_text(data, size);
  const auto form = tracker::http::parse_form(body);
  std::string rebuilt;
  for (const auto& [name, value] : form) {
    if (!rebuilt.empty()) rebuilt += '&';
    rebuilt += encode(name) + "=" + encode(value);
    const bool had_plus = body.find("%2B") != std::string_view::npos || body.find("%2b") != std::string_view::npos;
    FUZZ_CHECK(had_plus || (name.find('+') == std::string::npos && value.find('+') == std::string::npos), name);
  }
  const auto again = tracker::http::parse_form(rebuilt);
  FUZZ_CHECK(again == form, rebuilt);
  return 0;
}
