#include "tracker/domain/dossier_code.hpp"

#include <algorithm>

#include "tracker/domain/tracking_number.hpp"

namespace tracker::domain {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }

std::string_view trim(std::string_view s) {
  constexpr std::string_view kSpace = " \t\r\n";
  auto first = s.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(kSpace) - first + 1);
}

// The trimmed text with its letters upper-cased, or "" when it is not a code.
std::string normalise(std::string_view text) {
  std::string s(trim(text));
  if (s.size() < 5 || s.size() > kMaxDossierCodeLength) return {};
  for (char& c : s) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (!is_digit(c) && !is_upper(c) && c != '.' && c != '-' && c != '_' && c != '/') return {};
  }
  if (!is_digit(s.front()) && !is_upper(s.front())) return {};
  // Every form names its agency with a letter and numbers its dossiers: a
  // bare number (a phone, an ID card number) or a word is no dossier code.
  if (std::none_of(s.begin(), s.end(), is_digit) || std::none_of(s.begin(), s.end(), is_upper)) return {};
  if (TrackingNumber::looks_like(s)) return {};
  return s;
}

// Whether `s` has the shape, one character per position: 'd' a digit, 'L' a
// letter A-Z, anything else that literal character.
bool has_shape(std::string_view s, std::string_view shape) {
  if (s.size() != shape.size()) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    bool ok = shape[i] == 'd' ? is_digit(s[i]) : shape[i] == 'L' ? is_upper(s[i]) : s[i] == shape[i];
    if (!ok) return false;
  }
  return true;
}

constexpr std::string_view kEnding = "-dddddd-dddd";   // -YYMMDD-NNNN

int number(std::string_view digits) {
  int n = 0;
  for (char c : digits) n = n * 10 + (c - '0');
  return n;
}

}  // namespace

Result<DossierCode> DossierCode::parse(std::string_view text) {
  std::string s = normalise(text);
  if (s.empty()) {
    std::string message =
        "expected a dossier code as the agency issues it, e.g. 000.00.19.H12-200101-0001 or "
        "H55.242-251015-0001 (5 to 64 letters, digits, '.', '-', '_', '/'; at least one letter and one digit)";
    return make_error(Errc::invalid, "invalid_dossier_code", message,
                      {FieldError{"dossier_code", "bad_format", message}});
  }
  return DossierCode(std::move(s));
}

bool DossierCode::looks_like(std::string_view text) { return !normalise(text).empty(); }

std::optional<std::string_view> DossierCode::agency_part() const {
  std::string_view s = value_;
  if (s.size() <= kEnding.size() || !has_shape(s.substr(s.size() - kEnding.size()), kEnding)) return std::nullopt;
  return s.substr(0, s.size() - kEnding.size());
}

std::optional<std::chrono::year_month_day> DossierCode::received_on() const {
  if (!agency_part()) return std::nullopt;
  auto date = std::string_view(value_).substr(value_.size() - kEnding.size() + 1, 6);
  std::chrono::year_month_day day{std::chrono::year{2000 + number(date.substr(0, 2))},
                                  std::chrono::month(static_cast<unsigned>(number(date.substr(2, 2)))),
                                  std::chrono::day(static_cast<unsigned>(number(date.substr(4, 2))))};
  if (!day.ok()) return std::nullopt;
  return day;
}

bool matches_default_forms(const DossierCode& code, std::string_view agency_code) {
  // Both end in -YYMMDD-NNNN after the agency's code; in the 2018 form that
  // code is the QCVN 102 one, so the whole has the 2018 shape.
  auto part = code.agency_part();
  return part && *part == agency_code;
}

std::string expected_form(std::string_view agency_code) { return std::string(agency_code) + "-YYMMDD-NNNN"; }

bool is_agency_code(std::string_view text) {
  if (text.empty() || text.size() > 32 || text.front() == '.' || text.back() == '.') return false;
  char previous = 0;
  for (char c : text) {
    if (!is_digit(c) && !is_upper(c) && c != '.') return false;
    if (c == '.' && previous == '.') return false;
    previous = c;
  }
  return true;
}

}  // namespace tracker::domain
