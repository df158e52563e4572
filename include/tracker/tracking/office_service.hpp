#pragma once
// Offices (post offices, service centres and agencies' desks), and the holiday calendar kept
// in the database. Thread-safe.
#include <vector>

#include "tracker/auth/principal.hpp"
#include "tracker/domain/clock.hpp"
#include "tracker/domain/deadline.hpp"
#include "tracker/store/store.hpp"
#include "tracker/tracking/requests.hpp"
#include "tracker/tracking/task.hpp"

namespace tracker::tracking {

class OfficeService {
 public:
  explicit OfficeService(store::Store& store, const domain::Clock& clock = domain::system_clock())
      : store_(store), clock_(clock) {}
  // Admins only. A commune_code names the office's units; an agency's
  // dossier_code_pattern must compile (422 otherwise).
  Task<store::Office> create(const auth::Principal& p, NewOffice o);
  // Admins only: renames (events and records keep the name they had),
  // moves to another commune, sets or clears the dossier code pattern.
  Task<store::Office> update(const auth::Principal& p, std::string code, OfficeChange change);
  Result<std::vector<store::Office>> list();

 private:
  store::Store& store_;
  const domain::Clock& clock_;
};

// Read a calendar and the J+n table kept in the database.
domain::HolidayCalendar load_calendar(store::Store& store, domain::CalendarName name);
domain::DeadlineTable load_deadlines(store::Store& store);

}  // namespace tracker::tracking
