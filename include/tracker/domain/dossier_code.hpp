#pragma once
// A dossier code (mã hồ sơ) as Circular 01/2018/TT-VPCP Art. 19 defines it:
// "V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX", e.g. "000.00.19.H12-200101-0001":
// the receiving agency's code (QCVN 102:2016), the date received and that
// day's 4-digit sequence. Always well formed with a real date: only parse()
// makes one. Not to be confused with procedure codes ("2.000815.000.00.00.H55").
#include <chrono>
#include <compare>
#include <string>
#include <string_view>

#include "tracker/domain/result.hpp"

namespace tracker::domain {

class DossierCode {
 public:
  // Trims surrounding whitespace and upper-cases the agency letter, then
  // requires ^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-\d{4}$ with YYMMDD a real
  // date in 20YY. Errors: Errc::invalid, code "invalid_dossier_code", one
  // FieldError on "dossier_code" with code "bad_format" or "bad_date".
  static Result<DossierCode> parse(std::string_view text);

  // True when text (trimmed, any case) has the dossier-code shape, whatever
  // its date.
  static bool looks_like(std::string_view text);

  std::string_view str() const { return value_; }                       // 25 characters
  std::string_view agency_code() const { return str().substr(0, 13); }  // "000.00.19.H12"
  std::chrono::year_month_day received_on() const;                      // 2020-01-01
  int sequence() const;                                                 // 1

  bool operator==(const DossierCode&) const = default;
  auto operator<=>(const DossierCode&) const = default;

 private:
  explicit DossierCode(std::string value) : value_(std::move(value)) {}
  std::string value_;
};

}  // namespace tracker::domain
