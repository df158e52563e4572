// Fuzzes TrackingNumber::parse, looks_like and find_in (what a scanner, a
// search box or a QR code hands us). Besides "no crash" it checks:
//   - a parsed number is 13 characters of S10 shape, re-parses to itself,
//     and so do its grouped() form and its lower-case form;
//   - it is what from_serial() builds from its own parts (check digit agrees);
//   - looks_like() accepts whatever parse() accepts, and every
//     "bad_check_digit" error; the number the message suggests parses;
//   - find_in() returns a valid number, the same one parse() gives when
//     parse() succeeds, and otherwise one read after "/track/".
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.hpp"
#include "tracker/domain/tracking_number.hpp"

using tracker::domain::TrackingNumber;

namespace {

bool s10_shape(std::string_view s) {
  if (s.size() != 13) return false;
  for (std::size_t i = 0; i < 13; ++i) {
    const char c = s[i];
    const bool letter = i < 2 || i >= 11;
    if (letter ? !(c >= 'A' && c <= 'Z') : !(c >= '0' && c <= '9')) return false;
  }
  return true;
}

void check_valid(const TrackingNumber& tn) {
  const std::string s(tn.str());
  FUZZ_CHECK(s10_shape(s), s);
  auto again = TrackingNumber::parse(s);
  FUZZ_CHECK(again && *again == tn, s);
  auto grouped = TrackingNumber::parse(tn.grouped());
  FUZZ_CHECK(grouped && *grouped == tn, tn.grouped());
  std::string lower = s;
  for (auto& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  auto from_lower = TrackingNumber::parse(lower);
  FUZZ_CHECK(from_lower && *from_lower == tn, lower);
  auto built = TrackingNumber::from_serial(tn.service_indicator(), tn.serial(), tn.country());
  FUZZ_CHECK(built && *built == tn, s);
  FUZZ_CHECK(TrackingNumber::check_digit(tn.serial()) == s[10] - '0', s);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto text = tracker::fuzz::as_text(data, size);

  auto parsed = TrackingNumber::parse(text);
  if (parsed) {
    check_valid(*parsed);
    FUZZ_CHECK(TrackingNumber::looks_like(text), text);
  } else {
    const auto& e = parsed.error();
    FUZZ_CHECK(e.code == "invalid_tracking_number" && e.fields.size() == 1, e.code);
    FUZZ_CHECK(e.fields[0].field == "tracking_number", e.fields[0].field);
    const auto& code = e.fields[0].code;
    FUZZ_CHECK(code == "bad_format" || code == "bad_check_digit", code);
    if (code == "bad_check_digit") {
      FUZZ_CHECK(TrackingNumber::looks_like(text), text);
      // "check digit should be 5: did you mean EB123456785VN?"
      const auto& m = e.fields[0].message;
      auto mean = m.rfind("did you mean ");
      FUZZ_CHECK(mean != std::string::npos && m.size() >= mean + 13 + 13 + 1, m);
      auto fixed = TrackingNumber::parse(std::string_view(m).substr(mean + 13, 13));
      FUZZ_CHECK(fixed.has_value(), m);
    }
  }

  auto found = TrackingNumber::find_in(text);
  if (found) {
    check_valid(*found);
    if (parsed) {
      FUZZ_CHECK(*found == *parsed, text);
    } else {
      FUZZ_CHECK(text.find("/track/") != std::string_view::npos, text);
    }
  } else {
    FUZZ_CHECK(!parsed || text.size() > 2048, text);
  }
  return 0;
}
