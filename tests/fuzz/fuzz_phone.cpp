// Fuzzes PhoneNumber::parse (a citizen's phone as typed on a form or sent
// by an agency's system). Besides "no crash" it checks that a successful
// parse is E.164 "+84" and 9 digits starting with a mobile prefix (3 5 7 8
// 9), that it re-parses to itself (also in the national "0..." form), and
// that last4() and masked() ("+84 9** *** 678") show only what they should.
// Also fuzzes mask_name / mask_email with the same bytes (what the public
// lookup shows of a name or an address): valid UTF-8 in gives valid UTF-8
// out, masking is idempotent, and a masked e-mail keeps only its domain.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.hpp"
#include "tracker/domain/masking.hpp"
#include "tracker/domain/phone.hpp"

using tracker::domain::PhoneNumber;

namespace {

bool all_digits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

void check_masking(std::string_view text) {
  using tracker::domain::mask_email;
  using tracker::domain::mask_name;
  const std::string name = mask_name(text);
  FUZZ_CHECK(mask_name(name) == name, name);
  FUZZ_CHECK(name.find("  ") == std::string::npos, name);
  FUZZ_CHECK(name.empty() || (name.front() != ' ' && name.back() != ' '), name);
  if (tracker::fuzz::valid_utf8(text)) FUZZ_CHECK(tracker::fuzz::valid_utf8(name), name);

  const std::string email = mask_email(text);
  if (email != "***") {
    const auto at = email.rfind("***@");
    FUZZ_CHECK(at != std::string::npos, email);
    FUZZ_CHECK(text.find(std::string_view(email).substr(at + 3)) != std::string_view::npos, email);
    if (tracker::fuzz::valid_utf8(text)) FUZZ_CHECK(tracker::fuzz::valid_utf8(email), email);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto text = tracker::fuzz::as_text(data, size);
  auto parsed = PhoneNumber::parse(text);
  if (parsed) {
    const std::string e164(parsed->e164());
    FUZZ_CHECK(e164.size() == 12 && e164.starts_with("+84"), e164);
    FUZZ_CHECK(all_digits(std::string_view(e164).substr(1)), e164);
    FUZZ_CHECK(std::string_view("35789").find(e164[3]) != std::string_view::npos, e164);
    auto again = PhoneNumber::parse(e164);
    FUZZ_CHECK(again && *again == *parsed, e164);
    auto national = PhoneNumber::parse("0" + e164.substr(3));
    FUZZ_CHECK(national && *national == *parsed, e164);
    FUZZ_CHECK(parsed->last4() == e164.substr(8), parsed->last4());
    const std::string masked = parsed->masked();
    FUZZ_CHECK(masked == "+84 " + e164.substr(3, 1) + "** *** " + e164.substr(9), masked);
  } else {
    FUZZ_CHECK(parsed.error().code == "invalid_phone", parsed.error().code);
  }
  check_masking(text);
  return 0;
}
