#pragma once
// Instants and calendar days. Every instant is a UTC time point with
// millisecond precision; the service speaks to people in Vietnam time
// (Asia/Ho_Chi_Minh, UTC+07:00, no daylight saving), so formatting and
// "which day is it" are always in +07:00, while parsing accepts any offset.
#include <chrono>
#include <string>
#include <string_view>

#include "tracker/domain/result.hpp"

namespace tracker::domain {

using Timestamp = std::chrono::sys_time<std::chrono::milliseconds>;

// Vietnam's fixed offset from UTC.
constexpr auto kVietnamOffset = std::chrono::hours(7);

// Parses an RFC 3339 date-time: "YYYY-MM-DD", 'T' (or 't'), "hh:mm:ss", an
// optional fraction of any length (kept to milliseconds, truncated), and an
// offset "Z" (or 'z') or "+hh:mm" / "-hh:mm". Fields must be in range (leap
// second 60 is refused). Anything else is Errc::invalid, code "invalid_time".
Result<Timestamp> parse_rfc3339(std::string_view text);

// Formats in +07:00: "2026-11-27T09:30:00+07:00"; ".123" is added only when
// the milliseconds are not zero.
std::string format_rfc3339(Timestamp t);

// The calendar day in Vietnam (+07:00) on which t falls.
std::chrono::year_month_day local_date(Timestamp t);

// 23:59:59.000 +07:00 of the given Vietnam calendar day. day must be ok().
Timestamp local_end_of_day(std::chrono::year_month_day day);

// Parses a calendar date "YYYY-MM-DD" (a real date). Errc::invalid, code
// "invalid_date" otherwise. For holiday lists and report ranges.
Result<std::chrono::year_month_day> parse_date(std::string_view text);

// "YYYY-MM-DD". day must be ok().
std::string format_date(std::chrono::year_month_day day);

// How people in Vietnam write it, in +07:00: "27/11/2026" and
// "09:30 27/11/2026" (labels, handover records, messages).
std::string format_vn_date(Timestamp t);
std::string format_vn_datetime(Timestamp t);

}  // namespace tracker::domain
