#include "tracker/domain/phone.hpp"

namespace tracker::domain {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_mobile_prefix(char c) { return c == '3' || c == '5' || c == '7' || c == '8' || c == '9'; }

// The 9 national digits after the trunk "0" or the country code 84, or ""
// when text is not a Vietnamese mobile number.
std::string national_digits(std::string_view text) {
  std::string s;
  for (char c : text) {
    if (c == ' ' || c == '.' || c == '-') continue;
    s += c;
    if (s.size() > 12) return {};
  }
  std::string_view rest = s;
  if (rest.starts_with("+84")) {
    rest.remove_prefix(3);
  } else if (rest.size() == 11 && rest.starts_with("84")) {
    rest.remove_prefix(2);
  } else if (rest.size() == 10 && rest.starts_with("0")) {
    rest.remove_prefix(1);
  } else {
    return {};
  }
  if (rest.size() != 9 || !is_mobile_prefix(rest[0])) return {};
  for (char c : rest) {
    if (!is_digit(c)) return {};
  }
  return std::string(rest);
}

}  // namespace

Result<PhoneNumber> PhoneNumber::parse(std::string_view text) {
  std::string national = national_digits(text);
  if (national.empty()) {
    return field_error("phone", "invalid_phone",
                       "expected a Vietnamese mobile number: 0 and 9 digits (03x, 05x, 07x, "
                       "08x, 09x) or +84 and 9 digits");
  }
  return PhoneNumber("+84" + national);
}

std::string PhoneNumber::last4() const { return value_.substr(value_.size() - 4); }

std::string PhoneNumber::national() const { return "0" + value_.substr(3); }

std::string PhoneNumber::national_grouped() const {
  auto n = national();
  return n.substr(0, 4) + " " + n.substr(4, 3) + " " + n.substr(7);
}

std::string PhoneNumber::masked() const {
  // value_ is "+84" followed by 9 digits.
  return "+84 " + value_.substr(3, 1) + "** *** " + value_.substr(9, 3);
}

}  // namespace tracker::domain
