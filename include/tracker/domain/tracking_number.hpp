#pragma once
// A UPU S10 item identifier: 2-letter service indicator, 8-digit serial,
// check digit, 2-letter ISO country code ("EC136431858VN"). A TrackingNumber
// always holds a well-formed number with a correct check digit: only parse()
// and from_serial() make one. Immutable value type; thread-compatible.
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "tracker/domain/result.hpp"

namespace tracker::domain {

class TrackingNumber {
 public:
  // Normalises (ASCII upper case; drops spaces, tabs and dashes), then
  // requires 2 letters, 8 digits, the check digit and 2 letters. Errors are
  // Errc::invalid, code "invalid_tracking_number", with one FieldError on
  // field "tracking_number": "bad_format", or "bad_check_digit" whose message
  // names the expected digit and the corrected number
  // ("check digit should be 5: did you mean EB123456785VN?").
  static Result<TrackingNumber> parse(std::string_view text);

  // Builds the number for a serial. service_indicator and country must be
  // exactly 2 letters A-Z (upper case), else "invalid_service_indicator" /
  // "invalid_country_code"; serial must be < 100000000, else
  // "serial_exhausted". All Errc::invalid.
  static Result<TrackingNumber> from_serial(std::string_view service_indicator,
                                            std::uint32_t serial, std::string_view country = "VN");

  // The S10 check digit of an 8-digit serial (the last 8 decimal digits of
  // serial are used): weights 8 6 4 2 3 5 9 7, C = 11 - (S mod 11),
  // 10 -> 0, 11 -> 5.
  static int check_digit(std::uint32_t serial);

  // True when text, normalised as in parse(), has the S10 shape whatever its
  // check digit: tells a tracking number from a dossier code.
  static bool looks_like(std::string_view text);

  // The tracking number a scanned text carries: the text itself, or the
  // number at the end of a public tracking link ("https://…/track/EC…VN",
  // what our labels' QR codes hold). nullopt when there is none.
  static std::optional<TrackingNumber> find_in(std::string_view text);

  std::string_view str() const { return value_; }                            // 13 characters
  std::string grouped() const;                                               // "EC 136 431 858 VN"
  std::uint32_t serial() const;                                              // 13643185
  std::string_view service_indicator() const { return str().substr(0, 2); }  // "EC"
  std::string_view country() const { return str().substr(11, 2); }           // "VN"

  bool operator==(const TrackingNumber&) const = default;
  auto operator<=>(const TrackingNumber&) const = default;  // orders by str()

 private:
  explicit TrackingNumber(std::string value) : value_(std::move(value)) {}
  std::string value_;
};

}  // namespace tracker::domain
