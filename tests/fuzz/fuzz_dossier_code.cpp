// Fuzzes DossierCode::parse and looks_like (codes typed by clerks, read
// from our labels' text, or sent by agencies' systems). Besides "no crash"
// it checks:
//   - a parsed code is 5–64 characters of A–Z 0–9 . - _ /, starting with a
//     letter or digit, has a letter and a digit, re-parses to itself (also with spaces around it and in
//     lower case), and is never a UPU S10 number;
//   - agency_part() is a prefix followed by "-", and received_on() a real date;
//   - looks_like() agrees with parse(); an error is bad_format on dossier_code.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.hpp"
#include "tracker/domain/dossier_code.hpp"
#include "tracker/domain/tracking_number.hpp"

using tracker::domain::DossierCode;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto text = tracker::fuzz::as_text(data, size);
  auto parsed = DossierCode::parse(text);
  const bool looks = DossierCode::looks_like(text);
  FUZZ_CHECK(looks == parsed.has_value(), text);
  if (parsed) {
    const std::string s(parsed->str());
    FUZZ_CHECK(s.size() >= 5 && s.size() <= tracker::domain::kMaxDossierCodeLength, s);
    for (char c : s) {
      const bool ok = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_' || c == '/';
      FUZZ_CHECK(ok, s);
    }
    FUZZ_CHECK(!tracker::domain::TrackingNumber::looks_like(s), s);
    FUZZ_CHECK(s.find_first_of("0123456789") != std::string::npos, s);
    FUZZ_CHECK(s.find_first_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ") != std::string::npos, s);
    auto again = DossierCode::parse(s);
    FUZZ_CHECK(again && *again == *parsed, s);
    std::string padded = " \t" + s + "\r\n";
    for (char& c : padded) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    auto from_padded = DossierCode::parse(padded);
    FUZZ_CHECK(from_padded && *from_padded == *parsed, padded);
    if (auto part = parsed->agency_part()) {
      FUZZ_CHECK(s.compare(0, part->size(), *part) == 0 && s[part->size()] == '-', s);
    }
    if (auto day = parsed->received_on()) FUZZ_CHECK(day->ok(), s);
  } else {
    const auto& e = parsed.error();
    FUZZ_CHECK(e.code == "invalid_dossier_code" && e.fields.size() == 1, e.code);
    FUZZ_CHECK(e.fields[0].field == "dossier_code" && e.fields[0].code == "bad_format", e.fields[0].code);
  }
  return 0;
}
