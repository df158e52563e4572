#include "tracker/domain/tracking_number.hpp"

namespace tracker::domain {
namespace {

constexpr std::string_view kField = "tracking_number";
constexpr std::uint32_t kSerialLimit = 100'000'000;

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string normalise(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '-') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    out += c;
    if (out.size() > 13) break;  // too long for S10 whatever follows
  }
  return out;
}

// 2 letters, 9 digits, 2 letters.
bool has_s10_shape(std::string_view s) {
  if (s.size() != 13) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    bool letter = i < 2 || i >= 11;
    if (letter ? !is_upper(s[i]) : !is_digit(s[i])) return false;
  }
  return true;
}

bool is_two_letters(std::string_view s) {
  return s.size() == 2 && is_upper(s[0]) && is_upper(s[1]);
}

std::uint32_t serial_of(std::string_view s) {
  std::uint32_t serial = 0;
  for (char c : s.substr(2, 8)) serial = serial * 10 + static_cast<std::uint32_t>(c - '0');
  return serial;
}

Error tracking_error(std::string code, std::string message) {
  return make_error(Errc::invalid, "invalid_tracking_number", message,
                    {FieldError{std::string(kField), std::move(code), message}});
}

}  // namespace

int TrackingNumber::check_digit(std::uint32_t serial) {
  static constexpr int kWeights[8] = {8, 6, 4, 2, 3, 5, 9, 7};
  serial %= kSerialLimit;
  int sum = 0;
  for (int i = 7; i >= 0; --i) {
    sum += kWeights[i] * static_cast<int>(serial % 10);
    serial /= 10;
  }
  int c = 11 - sum % 11;
  if (c == 10) return 0;
  if (c == 11) return 5;
  return c;
}

Result<TrackingNumber> TrackingNumber::parse(std::string_view text) {
  std::string s = normalise(text);
  if (!has_s10_shape(s)) {
    return tracking_error("bad_format",
                          "expected a UPU S10 number: 2 letters, 9 digits, 2 letters "
                          "(e.g. EC136431858VN)");
  }
  int expected = check_digit(serial_of(s));
  if (s[10] - '0' != expected) {
    std::string fixed = s;
    fixed[10] = static_cast<char>('0' + expected);
    return tracking_error("bad_check_digit", "check digit should be " + std::to_string(expected) +
                                                 ": did you mean " + fixed + "?");
  }
  return TrackingNumber(std::move(s));
}

Result<TrackingNumber> TrackingNumber::from_serial(std::string_view service_indicator,
                                                   std::uint32_t serial, std::string_view country) {
  if (!is_two_letters(service_indicator)) {
    return field_error("service_indicator", "invalid_service_indicator",
                       "a service indicator is 2 letters A-Z");
  }
  if (!is_two_letters(country)) {
    return field_error("country", "invalid_country_code", "a country code is 2 letters A-Z");
  }
  if (serial >= kSerialLimit) {
    return field_error("serial", "serial_exhausted", "S10 serials have 8 digits");
  }
  std::string digits = std::to_string(serial);
  std::string s;
  s.reserve(13);
  s.append(service_indicator);
  s.append(8 - digits.size(), '0');
  s.append(digits);
  s += static_cast<char>('0' + check_digit(serial));
  s.append(country);
  return TrackingNumber(std::move(s));
}

bool TrackingNumber::looks_like(std::string_view text) { return has_s10_shape(normalise(text)); }

std::string TrackingNumber::grouped() const {
  std::string_view s = value_;
  std::string out;
  out.reserve(17);
  out.append(s.substr(0, 2)).append(" ");
  out.append(s.substr(2, 3)).append(" ");
  out.append(s.substr(5, 3)).append(" ");
  out.append(s.substr(8, 3)).append(" ");
  out.append(s.substr(11, 2));
  return out;
}

std::uint32_t TrackingNumber::serial() const { return serial_of(value_); }

std::optional<TrackingNumber> TrackingNumber::find_in(std::string_view text) {
  if (text.size() > 2048) return std::nullopt;
  if (auto tn = parse(text)) return *tn;
  auto at = text.rfind("/track/");
  if (at == std::string_view::npos) return std::nullopt;
  auto rest = text.substr(at + 7);
  rest = rest.substr(0, rest.find_first_of("?#/"));
  if (rest.size() != 13) return std::nullopt;  // exactly the number, not a spaced or partial one
  if (auto tn = parse(rest)) return *tn;
  return std::nullopt;
}

}  // namespace tracker::domain
