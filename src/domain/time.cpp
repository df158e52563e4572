#include "tracker/domain/time.hpp"

#include <cstdio>
#include <optional>

namespace tracker::domain {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;
using std::chrono::sys_days;

// Reads exactly `count` ASCII digits at text[pos]; -1 when they are not there.
int read_digits(std::string_view text, std::size_t pos, std::size_t count) {
  if (pos + count > text.size()) return -1;
  int value = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    char c = text[i];
    if (c < '0' || c > '9') return -1;
    value = value * 10 + (c - '0');
  }
  return value;
}

bool has_char(std::string_view text, std::size_t pos, char c) {
  return pos < text.size() && text[pos] == c;
}

// "YYYY-MM-DD" at the start of text, as a real date.
std::optional<std::chrono::year_month_day> read_date(std::string_view text) {
  int y = read_digits(text, 0, 4);
  int m = read_digits(text, 5, 2);
  int d = read_digits(text, 8, 2);
  if (y < 0 || m < 0 || d < 0 || !has_char(text, 4, '-') || !has_char(text, 7, '-')) {
    return std::nullopt;
  }
  std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month(m), std::chrono::day(d)};
  if (!ymd.ok()) return std::nullopt;
  return ymd;
}

Error invalid_time(std::string_view text, const char* why) {
  return make_error(
      Errc::invalid, "invalid_time",
      "'" + std::string(text) + "' is not an RFC 3339 date-time with an offset: " + why);
}

}  // namespace

Result<Timestamp> parse_rfc3339(std::string_view text) {
  auto date = read_date(text);
  if (!date) return invalid_time(text, "expected a real date YYYY-MM-DD");
  if (!has_char(text, 10, 'T') && !has_char(text, 10, 't')) {
    return invalid_time(text, "expected 'T' between date and time");
  }
  int hh = read_digits(text, 11, 2);
  int mm = read_digits(text, 14, 2);
  int ss = read_digits(text, 17, 2);
  if (hh < 0 || mm < 0 || ss < 0 || !has_char(text, 13, ':') || !has_char(text, 16, ':')) {
    return invalid_time(text, "expected hh:mm:ss");
  }
  if (hh > 23 || mm > 59 || ss > 59) return invalid_time(text, "time out of range");

  std::size_t pos = 19;
  int millis = 0;
  if (has_char(text, pos, '.')) {
    ++pos;
    std::size_t start = pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      if (pos - start < 3) millis = millis * 10 + (text[pos] - '0');
      ++pos;
    }
    if (pos == start) return invalid_time(text, "empty fraction of a second");
    for (std::size_t n = pos - start; n < 3; ++n) millis *= 10;
  }

  minutes offset{0};
  if (has_char(text, pos, 'Z') || has_char(text, pos, 'z')) {
    ++pos;
  } else if (has_char(text, pos, '+') || has_char(text, pos, '-')) {
    int oh = read_digits(text, pos + 1, 2);
    int om = read_digits(text, pos + 4, 2);
    if (oh < 0 || om < 0 || !has_char(text, pos + 3, ':') || oh > 23 || om > 59) {
      return invalid_time(text, "expected an offset +hh:mm");
    }
    offset = hours(oh) + minutes(om);
    if (text[pos] == '-') offset = -offset;
    pos += 6;
  } else {
    return invalid_time(text, "expected an offset Z or +hh:mm");
  }
  if (pos != text.size()) return invalid_time(text, "unexpected text after the offset");

  auto local = sys_days(*date) + hours(hh) + minutes(mm) + seconds(ss) + milliseconds(millis);
  // Times of this service lie between 1900 and 9998, judged on the instant
  // (found by the fuzzer: year 0000 at +08:00 is year -1 in UTC, and
  // 1900-01-01 at +08:00 is 1899 — neither could be written back and read).
  Timestamp instant{local - offset};
  if (instant < Timestamp{sys_days{std::chrono::year{1900} / 1 / 2}} ||
      instant >= Timestamp{sys_days{std::chrono::year{9998} / 12 / 30}}) {
    return invalid_time(text, "the time must lie between the years 1900 and 9998");
  }
  return instant;
}

std::string format_rfc3339(Timestamp t) {
  auto local = t + kVietnamOffset;
  auto day = std::chrono::floor<days>(local);
  std::chrono::year_month_day ymd{day};
  std::chrono::hh_mm_ss tod{local - day};
  char buf[48];
  int ms = static_cast<int>(tod.subseconds().count());
  int n =
      std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d", static_cast<int>(ymd.year()),
                    static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                    static_cast<int>(tod.hours().count()), static_cast<int>(tod.minutes().count()),
                    static_cast<int>(tod.seconds().count()));
  std::string out(buf, static_cast<std::size_t>(n));
  if (ms != 0) {
    std::snprintf(buf, sizeof buf, ".%03d", ms);
    out += buf;
  }
  out += "+07:00";
  return out;
}

std::chrono::year_month_day local_date(Timestamp t) {
  return std::chrono::year_month_day{std::chrono::floor<days>(t + kVietnamOffset)};
}

Timestamp local_end_of_day(std::chrono::year_month_day day) {
  return Timestamp{sys_days(day) + hours(23) + minutes(59) + seconds(59) - kVietnamOffset};
}

Result<std::chrono::year_month_day> parse_date(std::string_view text) {
  auto date = read_date(text);
  if (!date || text.size() != 10) {
    return make_error(Errc::invalid, "invalid_date",
                      "'" + std::string(text) + "' is not a date YYYY-MM-DD");
  }
  return *date;
}

std::string format_date(std::chrono::year_month_day day) {
  char buf[24];
  int n = std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(day.year()),
                        static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
  return std::string(buf, static_cast<std::size_t>(n));
}

std::string format_vn_date(Timestamp t) {
  auto d = local_date(t);
  char buf[24];
  int n = std::snprintf(buf, sizeof buf, "%02u/%02u/%04d", static_cast<unsigned>(d.day()),
                        static_cast<unsigned>(d.month()), static_cast<int>(d.year()));
  return std::string(buf, static_cast<std::size_t>(n));
}

std::string format_vn_datetime(Timestamp t) {
  auto text = format_rfc3339(t);  // 2026-11-27T09:30:00+07:00
  return text.substr(11, 5) + " " + format_vn_date(t);
}

}  // namespace tracker::domain
