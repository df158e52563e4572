// The calendar of 2026 as decided, shipped as data (migration 011), read
// through the deadlines the service sets: J+1 on a same-commune dossier
// lands on the next working day of the postal calendar.
#include <catch2/catch.hpp>

#include "province.hpp"
#include "tracker/domain/time.hpp"
#include "tracker/tracking/calendar_service.hpp"

using namespace tracker;
using namespace tracker::domain;
using namespace tracker::test;

namespace {

// The Vietnam day of the deadline of a same-commune dossier created at `j`.
std::string due_day(Province& p, const char* j) {
  p.clock.set(vn_time(j));
  auto n = p.dossier();
  n.route = Route::same_commune;
  return format_date(local_date(p.shipment(p.create(n)).due_at));
}

}  // namespace

TEST_CASE("2026's holidays, days off in compensation and Saturdays worked set the deadlines", "[tracking][calendar]") {
  Province p;
  CHECK(due_day(p, "2026-11-23 09:00") == "2026-11-25");  // Tue 24/11: Culture Day
  CHECK(due_day(p, "2026-04-24 09:00") == "2026-04-28");  // Mon 27/04: off for the Hùng Kings (on a Sunday)
  CHECK(due_day(p, "2026-08-28 09:00") == "2026-09-03");  // Mon 31/08 off, 1–2/09 National Day
  CHECK(due_day(p, "2026-01-09 09:00") == "2026-01-10");  // Sat 10/01 is worked (for Fri 02/01)
  CHECK(due_day(p, "2026-08-21 09:00") == "2026-08-22");  // Sat 22/08 is worked (for Mon 31/08)
  CHECK(due_day(p, "2026-01-01 09:00") == "2026-01-05");  // Fri 02/01 off; Mon 05/01
  CHECK(due_day(p, "2026-02-13 09:00") == "2026-02-23");  // Tết 14–22/02
}

TEST_CASE("a provisional year is reported while the deadlines reach into it", "[tracking][calendar]") {
  Province p;
  tracking::CalendarService calendar(p.store, p.shipments, p.clock);
  p.clock.set(vn_time("2026-10-01 09:00"));
  CHECK(calendar.provisional_years_in_use().empty());
  p.clock.set(vn_time("2026-12-03 09:00"));  // 45 days ahead is 2027, whose schedule is not decided
  CHECK(calendar.provisional_years_in_use() == std::vector<int>{2027});
  // Once an admin decides 2027, nothing is provisional any more.
  auto postal = *calendar.get(p.admin, tracking::CalendarName::postal);
  postal.provisional_years.clear();
  REQUIRE(p.run(calendar.replace(p.admin, tracking::CalendarName::postal, postal)));
  auto civil = *calendar.get(p.admin, tracking::CalendarName::civil_service);
  civil.provisional_years.clear();
  REQUIRE(p.run(calendar.replace(p.admin, tracking::CalendarName::civil_service, civil)));
  CHECK(calendar.provisional_years_in_use().empty());
}

TEST_CASE("the J+n table is data: a new row applies from its valid_from, older slips keep theirs", "[tracking][calendar]") {
  Province p;
  tracking::CalendarService calendar(p.store, p.shipments, p.clock);
  auto rules = *calendar.deadlines(p.admin);
  REQUIRE(rules.size() == 4);
  for (const auto& r : rules) {
    CAPTURE(to_string(r.route));
    CHECK(r.days == working_days(r.route));
    CHECK(r.days_with_appointment == working_days(r.route, true));
    CHECK_FALSE(r.source.empty());
    CHECK(r.pending_confirmation == (r.route == Route::same_commune || r.route == Route::intra_province));
  }
  DeadlineRule faster{Route::same_commune, 2, 3, "Quyết định thử nghiệm", std::chrono::year{2026} / 12 / 1, true};
  rules.push_back(faster);
  REQUIRE(p.run(calendar.replace_deadlines(p.admin, rules)));
  CHECK(due_day(p, "2026-11-23 09:00") == "2026-11-25");  // before valid_from: J+1
  CHECK(due_day(p, "2026-12-01 09:00") == "2026-12-03");  // from it: J+2

  // Each route must stay in the table; only an admin changes it.
  std::vector<DeadlineRule> missing(rules.begin() + 1, rules.end());
  missing.erase(std::remove_if(missing.begin(), missing.end(),
                               [](const DeadlineRule& r) { return r.route == Route::inter_city; }),
                missing.end());
  auto refused = p.run(calendar.replace_deadlines(p.admin, missing));
  REQUIRE_FALSE(refused);
  CHECK(refused.error().fields.at(0).code == "route_missing");
  CHECK_FALSE(p.run(calendar.replace_deadlines(p.postal, rules)));
}
