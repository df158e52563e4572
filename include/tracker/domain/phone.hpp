#pragma once
// A Vietnamese mobile number, held in E.164 ("+84912345678"). Always valid:
// only parse() makes one.
#include <compare>
#include <string>
#include <string_view>

#include "tracker/domain/result.hpp"

namespace tracker::domain {

class PhoneNumber {
 public:
  // Ignores spaces, dots and dashes, then accepts "0" + 9 digits, "+84" + 9
  // digits or "84" + 9 digits, where the 9 digits start with 3, 5, 7, 8 or 9
  // (the mobile prefixes 03x 05x 07x 08x 09x). Anything else is
  // Errc::invalid, code "invalid_phone", on field "phone".
  static Result<PhoneNumber> parse(std::string_view text);

  std::string_view e164() const { return value_; }  // "+84912345678"
  std::string last4() const;                        // "5678"
  // As the number is written in Vietnam: "0912345678", and grouped for
  // print "0912 345 678".
  std::string national() const;
  std::string national_grouped() const;
  // For people who must not see the number: "+84 9** *** 678" (shows the
  // first national digit and the last 3, hides the 5 between).
  std::string masked() const;

  bool operator==(const PhoneNumber&) const = default;
  auto operator<=>(const PhoneNumber&) const = default;

 private:
  explicit PhoneNumber(std::string value) : value_(std::move(value)) {}
  std::string value_;
};

}  // namespace tracker::domain
