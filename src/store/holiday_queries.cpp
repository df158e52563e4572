// Statements of the holiday calendar.
#include "tracker/store/holiday_queries.hpp"

#include "connection.hpp"

namespace tracker::store {

std::vector<HolidayRow> HolidayQueries::list() {
  auto& q = c_.statement("SELECT day, name FROM holidays ORDER BY day");
  std::vector<HolidayRow> out;
  while (q.executeStep()) out.push_back({q.getColumn(0).getString(), q.getColumn(1).getString()});
  return out;
}

void HolidayQueries::replace(const std::vector<HolidayRow>& days) {
  c_.statement("DELETE FROM holidays").exec();
  for (const auto& d : days) {
    auto& q = c_.statement("INSERT INTO holidays (day, name) VALUES (?, ?)");
    q.bind(1, d.day);
    q.bind(2, d.name);
    q.exec();
  }
}

}  // namespace tracker::store
