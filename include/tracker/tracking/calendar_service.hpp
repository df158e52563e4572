#pragma once
// The holiday calendar an admin edits (GET/PUT /api/v1/calendar/holidays):
// public holidays are data, since Tết moves every year. Thread-safe.
#include <chrono>
#include <string>
#include <vector>

#include "tracker/auth/principal.hpp"
#include "tracker/tracking/shipment_service.hpp"

namespace tracker::tracking {

inline constexpr std::size_t kMaxHolidays = 200;
inline constexpr std::size_t kMaxHolidayNameChars = 100;  // characters, not bytes

struct Holiday {
  std::chrono::year_month_day day;
  std::string name;
};

class CalendarService {
 public:
  // shipments takes every new calendar for the deadlines it sets.
  CalendarService(store::Store& store, ShipmentService& shipments,
                  const domain::Clock& clock = domain::system_clock())
      : store_(store), shipments_(shipments), clock_(clock) {}

  // Any staff member; by day.
  Result<std::vector<Holiday>> list(const auth::Principal& p);

  // Admins only. The whole calendar becomes `holidays` (at most
  // kMaxHolidays, distinct days, names of 1 to kMaxHolidayNameChars
  // characters; else invalid naming each bad entry as items[i]). Shipments
  // created afterwards get deadlines on the new calendar; the due_at of
  // existing shipments is kept: it was the deadline when they were taken.
  Task<std::vector<Holiday>> replace(const auth::Principal& p, std::vector<Holiday> holidays);

 private:
  store::Store& store_;
  ShipmentService& shipments_;
  const domain::Clock& clock_;
};

}  // namespace tracker::tracking
