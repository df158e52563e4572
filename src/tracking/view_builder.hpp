#pragma once
// Builds views from rows inside one transaction, with the derived facts of
// views.hpp computed at one instant. Private to tracking/.
#include <map>
#include <optional>

#include "tracker/auth/principal.hpp"
#include "tracker/domain/deadline.hpp"
#include "tracker/domain/status.hpp"
#include "tracker/store/tx.hpp"
#include "tracker/tracking/views.hpp"

namespace tracker::tracking {

// Looks offices and users up once per view; facts are "as of now".
class ViewBuilder {
 public:
  ViewBuilder(store::Tx& tx, domain::Timestamp now) : tx_(tx), now_(now) {}

  // The office as it is named now, or as it was named at `at`.
  OfficeRef office(domain::OfficeId id);
  OfficeRef office(domain::OfficeId id, domain::Timestamp at);
  std::string username(std::optional<domain::UserId> id);

  // Events with their anomaly marks, and the derivation they come from.
  // with_staff = false leaves recorded_by empty (public views never show it).
  std::vector<EventView> events(const store::Shipment& s, domain::Derivation* derivation = nullptr,
                                bool with_staff = true);
  // The shipment; with_details adds events, notifications and links.
  ShipmentView shipment(const store::Shipment& s, bool with_details);
  // The facts of a shipment whose events (oldest first) are given.
  ShipmentFacts facts(const store::Shipment& s, const std::vector<EventView>& events);
  std::vector<store::DossierStatus> dossier_statuses(domain::ShipmentId id) { return tx_.dossier_statuses_of(id); }
  // The calendar of a leg at an office (store::leg_calendar), as kept in
  // the database (each read once per builder).
  const domain::HolidayCalendar& calendar_at(domain::OfficeId office);

 private:
  store::Tx& tx_;
  domain::Timestamp now_;
  struct KnownOffice {
    OfficeRef now;
    std::vector<store::OfficeName> earlier;  // oldest first
  };
  const KnownOffice& known(domain::OfficeId id);
  std::map<domain::OfficeId, KnownOffice> offices_;
  std::map<domain::UserId, std::string> users_;
  std::map<domain::CalendarName, domain::HolidayCalendar> calendars_;
};

domain::Derivation derive(const store::Shipment& s, const std::vector<store::Event>& events);

// Past its deadline at `at` with its leg still open.
bool is_overdue(const store::Shipment& s, domain::Timestamp at);

// A working-day calendar kept in the database ("postal" unless named).
domain::HolidayCalendar calendar_of(store::Tx& tx, domain::CalendarName calendar = domain::CalendarName::postal);

// The scope facts of a shipment for the caller.
auth::ShipmentScope scope_of(store::Tx& tx, const auth::Principal& p, const store::Shipment& s);

domain::Error not_found_shipment();

}  // namespace tracker::tracking
