#include "view_builder.hpp"

#include "tracker/domain/event.hpp"
#include "tracker/store/calendar_queries.hpp"
#include "tracker/tracking/unit_service.hpp"

namespace tracker::tracking {
using namespace tracker::domain;

const ViewBuilder::KnownOffice& ViewBuilder::known(OfficeId id) {
  auto it = offices_.find(id);
  if (it != offices_.end()) return it->second;
  auto o = tx_.find_office(id);
  KnownOffice k{o ? OfficeRef{o->code, o->name} : OfficeRef{}, o ? tx_.earlier_office_names(id) : std::vector<store::OfficeName>{}};
  return offices_.emplace(id, std::move(k)).first->second;
}

OfficeRef ViewBuilder::office(OfficeId id) { return known(id).now; }

OfficeRef ViewBuilder::office(OfficeId id, Timestamp at) {
  const auto& k = known(id);
  for (const auto& earlier : k.earlier) {  // the first rename after `at` says what it was called then
    if (at < earlier.valid_until) return OfficeRef{k.now.code, earlier.name};
  }
  return k.now;
}

std::string ViewBuilder::username(std::optional<UserId> id) {
  if (!id) return "";
  auto it = users_.find(*id);
  if (it != users_.end()) return it->second;
  auto u = tx_.find_user(*id);
  std::string name = u ? u->username : "";
  users_.emplace(*id, name);
  return name;
}

const HolidayCalendar& ViewBuilder::calendar_at(OfficeId office) {
  auto row = tx_.find_office(office);
  auto name = row ? store::leg_calendar(*row) : CalendarName::postal;
  auto it = calendars_.find(name);
  if (it == calendars_.end()) it = calendars_.emplace(name, calendar_of(tx_, name)).first;
  return it->second;
}

HolidayCalendar calendar_of(store::Tx& tx, CalendarName calendar) {
  std::vector<std::chrono::year_month_day> off, worked;
  for (const auto& d : tx.calendars().days(calendar)) {
    (d.kind == DayKind::makeup_workday ? worked : off).push_back(d.day);
  }
  return HolidayCalendar(std::move(off), std::move(worked));
}

Derivation derive(const store::Shipment& s, const std::vector<store::Event>& events) {
  std::vector<EventFact> facts;
  facts.reserve(events.size());
  for (const auto& e : events) facts.push_back({e.type, e.occurred_at, e.seq});
  return derive_status(s.kind, facts, s.cancelled_at.has_value());
}

std::vector<EventView> ViewBuilder::events(const store::Shipment& s, Derivation* derivation,
                                           bool with_staff) {
  auto rows = tx_.events_of(s.id);
  auto d = derive(s, rows);
  std::vector<EventView> out;
  out.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    out.push_back(EventView{rows[i], office(rows[i].office_id, rows[i].occurred_at),
                            with_staff ? username(rows[i].recorded_by) : std::string(),
                            i < d.anomaly.size() && d.anomaly[i]});
  }
  if (derivation) *derivation = std::move(d);
  return out;
}

// Past its deadline with its leg still open: the dossier leg ends at delivery
// to the agency, the result leg at the first delivery attempt (DOMAIN.md);
// a cancelled shipment has no leg to be late on. held or out_for_delivery
// after a failed attempt is not overdue (the attempt ended the leg); a
// dossier stuck in delivery_failed is. The same rule as ?overdue=true and
// the overdue report: all read leg_ended_at, which migration 006 keeps.
bool is_overdue(const store::Shipment& s, Timestamp at) {
  return !s.cancelled_at && !s.leg_ended_at && s.due_at < at;
}

namespace {

// The newest normal event of a type.
const EventView* last_of(const std::vector<EventView>& events, EventType type) {
  for (auto it = events.rbegin(); it != events.rend(); ++it) {
    if (it->event.type == type && !it->anomaly) return &*it;
  }
  return nullptr;
}

}  // namespace

ShipmentFacts ViewBuilder::facts(const store::Shipment& s, const std::vector<EventView>& events) {
  ShipmentFacts f;
  f.terminal = is_terminal(s.status);
  f.overdue = is_overdue(s, now_);
  if (s.kind != ShipmentKind::result) return f;
  if (s.status == ShipmentStatus::delivery_failed) {
    if (const auto* failed = last_of(events, EventType::delivery_failed)) {
      f.next_attempt = NextAttempt{next_attempt_day(failed->event.occurred_at, calendar_at(failed->event.office_id)),
                                   failed->office,
                                   failed->event.reason};
    }
  } else if (s.status == ShipmentStatus::held) {
    if (const auto* held = last_of(events, EventType::held)) {
      f.hold = Hold{hold_until(held->event.occurred_at), held->office};
    }
  }
  return f;
}

ShipmentView ViewBuilder::shipment(const store::Shipment& s, bool with_details) {
  ShipmentView v{s, office(s.office_id, s.created_at), office(s.agency_id, s.created_at), {}, {}, {}, {}, {}, {}, {}};
  if (s.receiving_office_id) v.receiving_office = office(*s.receiving_office_id, s.created_at);
  if (with_details) {
    v.events = events(s);
    v.notifications = tx_.outbox_of(s.id);
    v.linked = tx_.linked_tracking_numbers(s.id);
    v.facts = facts(s, v.events);
    v.suggested_units = suggested_units(tx_, s.citizen_address);
    if (s.kind == ShipmentKind::dossier) v.agency_statuses = tx_.dossier_statuses_of(s.id);
  } else {
    v.facts.terminal = is_terminal(s.status);
    v.facts.overdue = is_overdue(s, now_);
  }
  return v;
}

auth::ShipmentScope scope_of(store::Tx& tx, const auth::Principal& p, const store::Shipment& s) {
  bool handled = p.office_id && tx.shipment_handled_by(s.id, *p.office_id);
  return auth::ShipmentScope{s.office_id, s.agency_id, handled};
}

Error not_found_shipment() {
  return make_error(Errc::not_found, "shipment_not_found", "No shipment has this tracking number.");
}

}  // namespace tracker::tracking
