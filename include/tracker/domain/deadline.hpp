#pragma once
// Time limits of Decision 45/2016/QĐ-TTg: a dossier must reach the agency,
// and a result its first delivery attempt, within J + n working days, where
// J is the day on the slip and n depends on the route. Working days skip
// weekends and public holidays; holidays are data (Tết moves every year), so
// the calendar holds only what it is given.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tracker/domain/time.hpp"

namespace tracker::domain {

// The route classes of Circular 17/2017 Art. 7, read since the 2025 reform
// (no official reading found: the J+n table is data, "pending confirmation").
enum class Route {
  same_commune,    // within one commune-level unit (formerly: one district); alias "local"
  intra_province,  // between communes of one province (formerly: districts)
  inter_city,      // between special / class-I cities
  inter_province,  // other inter-province routes
};

std::string_view to_string(Route route);                  // "same_commune"
std::optional<Route> parse_route(std::string_view text);  // also "local"; nullopt if unknown
const std::vector<Route>& all_routes();

// n of J + n as Decision 45/2016/QĐ-TTg set it: 1, 2, 3, 4 by route; 2, 4,
// 6, 8 when the appointment slip is returned too. The seed of the table.
int working_days(Route route, bool with_appointment_slip = false);

// One row of the J+n table an admin keeps: valid for slips dated valid_from
// or later (until a later row of the same route).
struct DeadlineRule {
  Route route = Route::same_commune;
  int days = 1;
  int days_with_appointment = 2;
  std::string source;  // the legal text it comes from
  std::chrono::year_month_day valid_from{std::chrono::year{2017} / 1 / 1};
  bool pending_confirmation = false;  // the route's reading after 2025 is not confirmed
};

// The J+n table. Immutable; thread-safe. Empty: Decision 45/2016's figures.
class DeadlineTable {
 public:
  DeadlineTable() = default;
  explicit DeadlineTable(std::vector<DeadlineRule> rules);
  // n for a slip dated j: the latest row of the route with valid_from <= j,
  // else the Decision 45/2016 figure.
  int days(Route route, bool with_appointment_slip, std::chrono::year_month_day j) const;
  const std::vector<DeadlineRule>& rules() const { return rules_; }  // by route, then valid_from

 private:
  std::vector<DeadlineRule> rules_;
};

// Which days are working days: Monday to Friday except holidays (and days
// off in compensation, which count as holidays here), plus the weekend days
// decided as make-up working days ("Saturday 10 January 2026 is worked").
// Immutable after construction; thread-safe.
class HolidayCalendar {
 public:
  HolidayCalendar() = default;  // weekends only
  // Any order, duplicates and weekends allowed; a day in both lists is worked.
  explicit HolidayCalendar(std::vector<std::chrono::year_month_day> holidays,
                           std::vector<std::chrono::year_month_day> makeup_workdays = {});

  bool is_working_day(std::chrono::year_month_day day) const;

  // The n-th working day strictly after j (j itself may be any day). n <= 0
  // gives j.
  std::chrono::year_month_day add_working_days(std::chrono::year_month_day j, int n) const;

  // The number of working days d with from < d <= to; 0 when to <= from.
  int working_days_between(std::chrono::year_month_day from, std::chrono::year_month_day to) const;

  // The holidays, sorted, without duplicates.
  const std::vector<std::chrono::year_month_day>& holidays() const { return holidays_; }
  const std::vector<std::chrono::year_month_day>& makeup_workdays() const { return makeup_workdays_; }

 private:
  bool is_holiday(std::chrono::sys_days day) const;
  bool is_working(std::chrono::sys_days day) const;
  std::vector<std::chrono::year_month_day> holidays_;
  std::vector<std::chrono::year_month_day> makeup_workdays_;
};

// A held item waits this long at the office for collection (the held
// messages and the lookup page say until when).
constexpr auto kHoldPeriod = std::chrono::days(7);

// The last day a held item can be collected: held_at + kHoldPeriod.
Timestamp hold_until(Timestamp held_at);

// The day of the next delivery attempt after a failed one: the next working
// day after the Vietnam calendar day of the failure.
std::chrono::year_month_day next_attempt_day(Timestamp failed_at, const HolidayCalendar& calendar);

// The end of the J + n deadline: 23:59:59 +07:00 on the n-th working day
// after the Vietnam calendar day of j, n from the table (Decision 45/2016's
// figures without one).
Timestamp due_at(Timestamp j, Route route, const HolidayCalendar& calendar,
                 bool with_appointment_slip = false);
Timestamp due_at(Timestamp j, Route route, const HolidayCalendar& calendar, const DeadlineTable& table,
                 bool with_appointment_slip = false);

}  // namespace tracker::domain
