#include "tracker/domain/deadline.hpp"

#include <catch2/catch.hpp>

using namespace std::chrono;
using namespace tracker::domain;

namespace {

// Vietnam's 2026 Tết holidays: Saturday 14 to Sunday 22 February.
HolidayCalendar tet_2026() {
  std::vector<year_month_day> days;
  for (unsigned d = 14; d <= 22; ++d) days.push_back(2026y / February / day(d));
  return HolidayCalendar(days);
}

year_month_day date(std::string_view text) {
  auto d = parse_date(text);
  REQUIRE(d.has_value());
  return *d;
}

Timestamp t(std::string_view text) {
  auto r = parse_rfc3339(text);
  REQUIRE(r.has_value());
  return *r;
}

}  // namespace

TEST_CASE("J + n by route, doubled with the appointment slip", "[domain][deadline]") {
  auto [route, word, n, n_slip] = GENERATE(table<Route, std::string_view, int, int>({
      {Route::same_commune, "same_commune", 1, 2},
      {Route::intra_province, "intra_province", 2, 4},
      {Route::inter_city, "inter_city", 3, 6},
      {Route::inter_province, "inter_province", 4, 8},
  }));
  CAPTURE(word);
  CHECK(working_days(route) == n);
  CHECK(working_days(route, true) == n_slip);
  CHECK(to_string(route) == word);
  CHECK(parse_route(word) == route);
}

TEST_CASE("routes are a closed list", "[domain][deadline]") {
  CHECK(all_routes().size() == 4);
  CHECK_FALSE(parse_route("Local").has_value());
  CHECK_FALSE(parse_route("").has_value());
}

TEST_CASE("weekends and holidays are not working days", "[domain][deadline]") {
  auto cal = tet_2026();
  auto [day, working] = GENERATE(table<std::string_view, bool>({
      {"2026-02-13", true},   // Friday
      {"2026-02-14", false},  // Saturday, Tết
      {"2026-02-16", false},  // Monday, Tết
      {"2026-02-20", false},  // Friday, Tết
      {"2026-02-23", true},   // Monday after Tết
      {"2026-11-28", false},  // Saturday
      {"2026-11-29", false},  // Sunday
      {"2026-11-30", true},   // Monday
  }));
  CAPTURE(day);
  CHECK(cal.is_working_day(date(day)) == working);
  CHECK(HolidayCalendar().is_working_day(date(day)) ==
        (weekday{sys_days{date(day)}}.iso_encoding() <= 5));
}

TEST_CASE("J + n skips weekends and Tết", "[domain][deadline]") {
  auto cal = tet_2026();
  auto [j, n, due] = GENERATE(table<std::string_view, int, std::string_view>({
      {"2026-11-27", 1, "2026-11-30"},  // Friday -> Monday
      {"2026-11-27", 2, "2026-12-01"},
      {"2026-11-28", 1, "2026-11-30"},  // Saturday -> Monday
      {"2026-11-29", 1, "2026-11-30"},  // Sunday -> Monday
      {"2026-11-30", 4, "2026-12-04"},  // Monday -> Friday
      {"2026-11-30", 8, "2026-12-10"},
      {"2026-02-12", 1, "2026-02-13"},  // Thursday before Tết -> Friday
      {"2026-02-13", 1, "2026-02-23"},  // Friday before Tết -> Monday after
      {"2026-02-13", 4, "2026-02-26"},
      {"2026-02-17", 1, "2026-02-23"},  // intake during Tết
      {"2026-02-12", 2, "2026-02-23"},
      {"2026-02-13", 0, "2026-02-13"},
  }));
  CAPTURE(j, n);
  CHECK(cal.add_working_days(date(j), n) == date(due));
}

TEST_CASE("working days between two dates", "[domain][deadline]") {
  auto cal = tet_2026();
  auto [from, to, tet_count, plain_count] =
      GENERATE(table<std::string_view, std::string_view, int, int>({
          {"2026-02-13", "2026-02-23", 1, 6},
          {"2026-02-12", "2026-02-27", 6, 11},
          {"2026-02-13", "2026-02-13", 0, 0},
          {"2026-02-23", "2026-02-13", 0, 0},  // to before from
          {"2026-11-27", "2026-11-30", 1, 1},  // over a weekend
          {"2026-11-28", "2026-11-29", 0, 0},  // inside a weekend
          {"2025-12-31", "2026-12-31", 256, 261},
      }));
  CAPTURE(from, to);
  CHECK(cal.working_days_between(date(from), date(to)) == tet_count);
  CHECK(HolidayCalendar().working_days_between(date(from), date(to)) == plain_count);
}

TEST_CASE("working_days_between undoes add_working_days", "[domain][deadline]") {
  auto cal = tet_2026();
  auto j = GENERATE(as<std::string_view>{}, "2026-02-06", "2026-02-13", "2026-02-15", "2026-02-21",
                    "2026-11-28");
  for (int n = 1; n <= 20; ++n) {
    CAPTURE(j, n);
    CHECK(cal.working_days_between(date(j), cal.add_working_days(date(j), n)) == n);
  }
}

TEST_CASE("the calendar keeps its holidays sorted and unique", "[domain][deadline]") {
  HolidayCalendar cal({2026y / September / 2d, 2026y / January / 1d, 2026y / September / 2d});
  REQUIRE(cal.holidays().size() == 2);
  CHECK(cal.holidays()[0] == year_month_day{2026y / January / 1d});
  CHECK(cal.holidays()[1] == year_month_day{2026y / September / 2d});
  CHECK_FALSE(cal.is_working_day(2026y / September / 2d));  // a Wednesday
  CHECK(HolidayCalendar().holidays().empty());
}

TEST_CASE("due_at is the end of the J + n day in Vietnam", "[domain][deadline]") {
  auto cal = tet_2026();
  auto [j, route, slip, due] = GENERATE(table<std::string_view, Route, bool, std::string_view>({
      {"2026-02-13T10:00:00+07:00", Route::same_commune, false, "2026-02-23T23:59:59+07:00"},
      // 18:30Z on the 12th is already the 13th in Vietnam
      {"2026-02-12T18:30:00Z", Route::same_commune, false, "2026-02-23T23:59:59+07:00"},
      {"2026-02-12T16:30:00Z", Route::same_commune, false, "2026-02-13T23:59:59+07:00"},
      {"2026-02-13T10:00:00+07:00", Route::same_commune, true, "2026-02-24T23:59:59+07:00"},
      {"2026-02-13T10:00:00+07:00", Route::inter_province, false, "2026-02-26T23:59:59+07:00"},
      {"2026-11-27T09:30:00+07:00", Route::intra_province, false, "2026-12-01T23:59:59+07:00"},
      {"2026-11-27T09:30:00+07:00", Route::inter_city, true, "2026-12-07T23:59:59+07:00"},
  }));
  CAPTURE(j, to_string(route), slip);
  CHECK(format_rfc3339(due_at(t(j), route, cal, slip)) == due);
}
