#include "tracker/domain/dossier_code.hpp"

namespace tracker::domain {
namespace {

// The shape, one character per position: 'd' a digit, 'L' a letter A-Z,
// anything else that literal character.
constexpr std::string_view kPattern = "ddd.dd.dd.Ldd-dddddd-dddd";

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string_view trim(std::string_view s) {
  constexpr std::string_view kSpace = " \t\r\n";
  auto first = s.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(kSpace) - first + 1);
}

// The trimmed text with its letter upper-cased, or "" when it lacks the shape.
std::string normalise(std::string_view text) {
  std::string s(trim(text));
  if (s.size() != kPattern.size()) return {};
  for (std::size_t i = 0; i < s.size(); ++i) {
    char& c = s[i];
    switch (kPattern[i]) {
      case 'd':
        if (!is_digit(c)) return {};
        break;
      case 'L':
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        if (c < 'A' || c > 'Z') return {};
        break;
      default:
        if (c != kPattern[i]) return {};
    }
  }
  return s;
}

int number(std::string_view digits) {
  int n = 0;
  for (char c : digits) n = n * 10 + (c - '0');
  return n;
}

std::chrono::year_month_day date_of(std::string_view code) {
  return std::chrono::year_month_day{std::chrono::year{2000 + number(code.substr(14, 2))},
                                     std::chrono::month(number(code.substr(16, 2))),
                                     std::chrono::day(number(code.substr(18, 2)))};
}

Error dossier_error(std::string code, std::string message) {
  return make_error(Errc::invalid, "invalid_dossier_code", message,
                    {FieldError{"dossier_code", std::move(code), message}});
}

}  // namespace

Result<DossierCode> DossierCode::parse(std::string_view text) {
  std::string s = normalise(text);
  if (s.empty()) {
    return dossier_error("bad_format",
                         "expected a dossier code like 000.00.19.H12-200101-0001 "
                         "(agency code, date received YYMMDD, sequence)");
  }
  if (!date_of(s).ok()) {
    return dossier_error("bad_date",
                         "the date received (YYMMDD) '" + s.substr(14, 6) + "' is not a real date");
  }
  return DossierCode(std::move(s));
}

bool DossierCode::looks_like(std::string_view text) { return !normalise(text).empty(); }

std::chrono::year_month_day DossierCode::received_on() const { return date_of(value_); }

int DossierCode::sequence() const { return number(str().substr(21, 4)); }

}  // namespace tracker::domain
