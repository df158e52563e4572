#include "view_builder.hpp"

#include "tracker/domain/event.hpp"

namespace tracker::tracking {
using namespace tracker::domain;

OfficeRef ViewBuilder::office(std::int64_t id) {
  auto it = offices_.find(id);
  if (it != offices_.end()) return it->second;
  auto o = tx_.find_office(id);
  OfficeRef ref = o ? OfficeRef{o->code, o->name} : OfficeRef{};
  offices_.emplace(id, ref);
  return ref;
}

std::string ViewBuilder::username(std::optional<std::int64_t> id) {
  if (!id) return "";
  auto it = users_.find(*id);
  if (it != users_.end()) return it->second;
  auto u = tx_.find_user(*id);
  std::string name = u ? u->username : "";
  users_.emplace(*id, name);
  return name;
}

Derivation derive(const store::Shipment& s, const std::vector<store::Event>& events) {
  std::vector<EventFact> facts;
  facts.reserve(events.size());
  for (const auto& e : events) {
    facts.push_back({*parse_event_type(e.type), e.occurred_at, e.seq});
  }
  auto kind = parse_shipment_kind(s.kind).value_or(ShipmentKind::dossier);
  return derive_status(kind, facts, s.cancelled_at.has_value());
}

std::vector<EventView> ViewBuilder::events(const store::Shipment& s, Derivation* derivation,
                                           bool with_staff) {
  auto rows = tx_.events_of(s.id);
  auto d = derive(s, rows);
  std::vector<EventView> out;
  out.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    out.push_back(EventView{rows[i], office(rows[i].office_id),
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

ShipmentView ViewBuilder::shipment(const store::Shipment& s, bool with_details) {
  ShipmentView v{s, office(s.office_id), office(s.agency_id), {}, {}, {}, is_overdue(s, now())};
  if (with_details) {
    v.events = events(s);
    v.notifications = tx_.outbox_of(s.id);
    v.linked = tx_.linked_tracking_numbers(s.id);
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
