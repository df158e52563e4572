#pragma once
// A dossier code (mã hồ sơ) as agencies issue it. Circular 01/2018/TT-VPCP
// Art. 19 defined "V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX" (the agency's code of
// QCVN 102:2016, the date received, that day's sequence), e.g.
// "000.00.19.H12-200101-0001"; Circular 03/2025/TT-VPCP replaced that guidance
// and agencies now also issue the identifier-first form
// "<agency identifier>-YYMMDD-NNNN" with Decision 20/2020/QĐ-TTg identifiers
// ("H55.242-251015-0001"). So a dossier code is an opaque string: each
// agency's configured pattern (or, without one, the two forms above under its
// own agency code) decides what it accepts; the date inside is a hint, never
// a rule. Not to be confused with procedure codes ("2.000815.000.00.00.H55").
#include <chrono>
#include <compare>
#include <optional>
#include <string>
#include <string_view>

#include "tracker/domain/result.hpp"

namespace tracker::domain {

inline constexpr std::size_t kMaxDossierCodeLength = 64;

class DossierCode {
 public:
  // Trims surrounding whitespace and upper-cases letters, then requires
  // 5–64 characters of A–Z, 0–9, '.', '-', '_' and '/', starting with a
  // letter or digit, with at least one letter and one digit (a phone or ID
  // number is none), and not a UPU S10 tracking number. Errors:
  // Errc::invalid, code "invalid_dossier_code", one FieldError on
  // "dossier_code" with code "bad_format".
  static Result<DossierCode> parse(std::string_view text);

  // True when parse(text) would succeed.
  static bool looks_like(std::string_view text);

  std::string_view str() const { return value_; }

  // The part before "-YYMMDD-NNNN" when the code ends that way (both forms
  // above): "000.00.19.H12", "H55.242".
  std::optional<std::string_view> agency_part() const;
  // The YYMMDD of that ending when it is a real date in 20YY: a hint.
  std::optional<std::chrono::year_month_day> received_on() const;

  bool operator==(const DossierCode&) const = default;
  auto operator<=>(const DossierCode&) const = default;

 private:
  explicit DossierCode(std::string value) : value_(std::move(value)) {}
  std::string value_;
};

// The forms an agency without a pattern of its own accepts, for agency code
// A: the 2018 form (^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-\d{4}$) starting
// with A, or "A-YYMMDD-NNNN" (6 and 4 digits).
bool matches_default_forms(const DossierCode& code, std::string_view agency_code);

// How a refused code should look, for the 422: "H55.242-YYMMDD-NNNN".
std::string expected_form(std::string_view agency_code);

// True when `text` is an agency code of either generation: QCVN 102:2016
// "000.00.19.H12" or a Decision 20/2020 identifier "H55.242" (1–32
// characters, dot-separated groups of A–Z and 0–9).
bool is_agency_code(std::string_view text);

}  // namespace tracker::domain
