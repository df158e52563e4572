#pragma once
// Shipments: creating them with an S10 number and a J+n deadline, reading,
// listing and cancelling them within the caller's scope. Thread-safe.
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "tracker/auth/principal.hpp"
#include "tracker/domain/clock.hpp"
#include "tracker/domain/deadline.hpp"
#include "tracker/domain/dossier_code.hpp"
#include "tracker/domain/tracking_number.hpp"
#include "tracker/store/store.hpp"
#include "tracker/tracking/requests.hpp"
#include "tracker/tracking/task.hpp"
#include "tracker/tracking/views.hpp"

namespace tracker::tracking {

struct TrackingOptions {
  std::string service_indicator = "EC";  // S10 service indicator of new numbers
  std::string country = "VN";
};

class ShipmentService {
 public:
  // Creation times, deadlines and overdue flags come from `clock`.
  ShipmentService(store::Store& store, TrackingOptions options,
                  const domain::Clock& clock = domain::system_clock());

  // Makes a dossier (postal worker at its office) or result (clerk of its
  // agency) shipment with a fresh S10 number and its J+n deadline.
  Task<ShipmentView> create(const auth::Principal& p, NewShipment s);
  // The whole shipment; not_found when unknown or outside the caller's scope.
  Result<ShipmentView> get(const auth::Principal& p, const domain::TrackingNumber& tn);
  Result<ShipmentPage> list(const auth::Principal& p, store::ShipmentQuery q);
  // The dossier shipment with this code and the result made from it, each
  // only when the caller may see it.
  Result<DossierPair> find_dossier_pair(const auth::Principal& p, const domain::DossierCode& code);
  // Events and agency statuses in commit order after `after`, in the
  // caller's scope; agency (an office code) and types (event types and
  // status words) filter. 422 on "agency" for an unknown agency.
  Result<store::FeedPage> feed(const auth::Principal& p, store::FeedPosition after, std::optional<std::string> agency,
                               const std::vector<domain::Trigger>& types, int limit);
  // Only while created (no scan yet); else conflict.
  Task<ShipmentView> cancel(const auth::Principal& p, domain::TrackingNumber tn);

  // The calendars and the J+n table deadlines are set with (cached here,
  // replaced by CalendarService when an admin changes them). A shipment's
  // due_at counts the working days of its office's calendar.
  void set_calendar(domain::CalendarName name, domain::HolidayCalendar c);
  domain::HolidayCalendar calendar(domain::CalendarName name = domain::CalendarName::postal) const;
  std::map<domain::CalendarName, domain::HolidayCalendar> calendars() const;  // every one, as cached
  void set_deadlines(domain::DeadlineTable t);

 private:
  store::Store& store_;
  TrackingOptions options_;
  const domain::Clock& clock_;
  mutable std::mutex calendar_mu_;
  // Replaced whole on a change, so a job keeps the map it started with by
  // holding the pointer (no copy per shipment).
  std::shared_ptr<const std::map<domain::CalendarName, domain::HolidayCalendar>> calendars_;
  domain::DeadlineTable deadlines_;
};

}  // namespace tracker::tracking
