// Fuzzes DossierCode::parse and looks_like (codes typed by clerks, read
// from our labels' text, or sent by agencies' systems). Besides "no crash"
// it checks:
//   - a parsed code is 25 characters of shape ddd.dd.dd.Ldd-dddddd-dddd with
//     an upper-case letter, re-parses to itself (also with spaces around it
//     and a lower-case letter), and its date is real and in 2000..2099;
//   - agency_code() is its first 13 characters, sequence() is 0..9999;
//   - looks_like() agrees with parse() on the shape: true for every parsed
//     code and for every "bad_date" error, false for "bad_format".
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.hpp"
#include "tracker/domain/dossier_code.hpp"

using tracker::domain::DossierCode;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto text = tracker::fuzz::as_text(data, size);
  auto parsed = DossierCode::parse(text);
  const bool looks = DossierCode::looks_like(text);
  if (parsed) {
    const std::string s(parsed->str());
    constexpr std::string_view kPattern = "ddd.dd.dd.Ldd-dddddd-dddd";
    FUZZ_CHECK(s.size() == kPattern.size(), s);
    for (std::size_t i = 0; i < s.size(); ++i) {
      const char c = s[i];
      const bool ok = kPattern[i] == 'd'   ? c >= '0' && c <= '9'
                      : kPattern[i] == 'L' ? c >= 'A' && c <= 'Z'
                                           : c == kPattern[i];
      FUZZ_CHECK(ok, s);
    }
    FUZZ_CHECK(looks, text);
    auto again = DossierCode::parse(s);
    FUZZ_CHECK(again && *again == *parsed, s);
    std::string padded = " \t" + s + "\r\n";
    padded[2 + 10] = static_cast<char>(padded[2 + 10] - 'A' + 'a');
    auto from_padded = DossierCode::parse(padded);
    FUZZ_CHECK(from_padded && *from_padded == *parsed, padded);
    const auto day = parsed->received_on();
    FUZZ_CHECK(day.ok(), s);
    FUZZ_CHECK(day.year() >= std::chrono::year{2000} && day.year() <= std::chrono::year{2099}, s);
    FUZZ_CHECK(parsed->agency_code() == std::string_view(s).substr(0, 13), s);
    FUZZ_CHECK(parsed->sequence() >= 0 && parsed->sequence() <= 9999, s);
  } else {
    const auto& e = parsed.error();
    FUZZ_CHECK(e.code == "invalid_dossier_code" && e.fields.size() == 1, e.code);
    FUZZ_CHECK(e.fields[0].field == "dossier_code", e.fields[0].field);
    const auto& code = e.fields[0].code;
    FUZZ_CHECK(code == "bad_format" || code == "bad_date", code);
    FUZZ_CHECK(looks == (code == "bad_date"), text);
  }
  return 0;
}
