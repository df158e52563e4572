#include "tracker/domain/time.hpp"

#include <catch2/catch.hpp>

using namespace std::chrono;
using namespace tracker::domain;

namespace {

Timestamp t(std::string_view text) {
  auto r = parse_rfc3339(text);
  REQUIRE(r.has_value());
  return *r;
}

// Milliseconds since 1970-01-01T00:00:00Z.
std::int64_t unix_ms(std::string_view text) { return t(text).time_since_epoch().count(); }

}  // namespace

TEST_CASE("RFC 3339 with any offset is one instant", "[domain][time]") {
  auto [text, ms] = GENERATE(table<std::string_view, std::int64_t>({
      {"2026-11-27T02:30:00Z", 1795746600000},
      {"2026-11-27T09:30:00+07:00", 1795746600000},
      {"2026-11-26T21:30:00-05:00", 1795746600000},
      {"2026-11-27T08:00:00+05:30", 1795746600000},
      {"2026-11-27t02:30:00z", 1795746600000},
      {"2026-11-27T02:30:00-00:00", 1795746600000},
      {"2026-11-27T02:30:00.5Z", 1795746600500},
      {"2026-11-27T02:30:00.12Z", 1795746600120},
      {"2026-11-27T02:30:00.123Z", 1795746600123},
      {"2026-11-27T02:30:00.123999Z", 1795746600123},  // truncated to ms
      {"1970-01-01T00:00:00Z", 0},
      {"1970-01-01T06:59:59+07:00", -1000},
      {"2024-02-29T23:59:59+00:00", 1709251199000},
  }));
  CAPTURE(text);
  CHECK(unix_ms(text) == ms);
}

TEST_CASE("what is not RFC 3339 with an offset is refused", "[domain][time]") {
  auto text =
      GENERATE(as<std::string_view>{}, "", "2026-11-27", "2026-11-27T09:30+07:00",
               "2026-11-27T09:30:00", "2026-11-27 09:30:00Z", "2026-11-27T09:30:00+0700",
               "2026-11-27T09:30:00+07", "2026-11-27T09:30:00.Z", "2026-11-27T09:30:00,5Z",
               "2026-11-27T09:30:00Z ", " 2026-11-27T09:30:00Z", "2026-02-30T00:00:00Z",
               "2026-13-01T00:00:00Z", "2026-11-27T24:00:00Z", "2026-11-27T09:60:00Z",
               "2026-11-27T09:30:60Z", "2026-11-27T09:30:00+24:00", "2026-11-27T09:30:00+07:60",
               "26-11-27T09:30:00Z", "2026-1-27T09:30:00Z", "2026-11-27T9:30:00Z", "1795746600",
               "0000-01-01T00:00:00+08:00", "1899-12-31T23:59:59Z", "1900-01-01T00:00:00+08:00", "9999-12-31T23:59:59-01:00");  // years the fuzzer found
  CAPTURE(text);
  auto r = parse_rfc3339(text);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().errc == Errc::invalid);
  CHECK(r.error().code == "invalid_time");
}

TEST_CASE("times are written in Vietnam time", "[domain][time]") {
  auto [in, out] = GENERATE(table<std::string_view, std::string_view>({
      {"2026-11-27T02:30:00Z", "2026-11-27T09:30:00+07:00"},
      {"2026-11-27T09:30:00+07:00", "2026-11-27T09:30:00+07:00"},
      {"2026-11-26T21:30:00.123-05:00", "2026-11-27T09:30:00.123+07:00"},
      {"2026-11-27T02:30:00.5Z", "2026-11-27T09:30:00.500+07:00"},
      {"2026-12-31T20:00:00Z", "2027-01-01T03:00:00+07:00"},  // next day, next year
      {"1969-12-31T16:00:00Z", "1969-12-31T23:00:00+07:00"},
  }));
  CAPTURE(in);
  CHECK(format_rfc3339(t(in)) == out);
  CHECK(t(format_rfc3339(t(in))) == t(in));
}

TEST_CASE("the local day is the day in +07:00", "[domain][time]") {
  CHECK(local_date(t("2026-11-26T17:00:00Z")) == year_month_day{2026y / November / 27d});
  CHECK(local_date(t("2026-11-26T16:59:59.999Z")) == year_month_day{2026y / November / 26d});
  CHECK(local_date(t("2026-11-27T23:59:59+07:00")) == year_month_day{2026y / November / 27d});
  CHECK(local_date(t("2026-11-27T08:00:00-05:00")) == year_month_day{2026y / November / 27d});
  CHECK(local_date(t("2026-11-27T20:00:00-05:00")) == year_month_day{2026y / November / 28d});
}

TEST_CASE("the end of a local day is 23:59:59 +07:00", "[domain][time]") {
  auto end = local_end_of_day(2026y / November / 27d);
  CHECK(format_rfc3339(end) == "2026-11-27T23:59:59+07:00");
  CHECK(end == t("2026-11-27T16:59:59Z"));
  CHECK(local_date(end) == year_month_day{2026y / November / 27d});
  CHECK(local_date(end + seconds(1)) == year_month_day{2026y / November / 28d});
  CHECK(kVietnamOffset == hours(7));
}

TEST_CASE("calendar dates are parsed and written as YYYY-MM-DD", "[domain][time]") {
  auto day = parse_date("2026-02-14");
  REQUIRE(day.has_value());
  CHECK(*day == year_month_day{2026y / February / 14d});
  CHECK(format_date(*day) == "2026-02-14");
  for (std::string_view bad :
       {"2026-02-30", "2026-2-14", "2026-02-14T00:00:00Z", "", "14/02/2026"}) {
    CAPTURE(bad);
    auto r = parse_date(bad);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == "invalid_date");
  }
}

TEST_CASE("dates and times are written the Vietnamese way in +07:00", "[domain][time]") {
  auto t = parse_rfc3339("2026-11-27T02:30:00Z");  // 09:30 in Vietnam
  REQUIRE(t.has_value());
  CHECK(format_vn_date(*t) == "27/11/2026");
  CHECK(format_vn_datetime(*t) == "09:30 27/11/2026");
  auto late = parse_rfc3339("2026-12-31T18:00:00Z");  // already 1 January in Vietnam
  REQUIRE(late.has_value());
  CHECK(format_vn_date(*late) == "01/01/2027");
}
