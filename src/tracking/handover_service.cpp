#include <set>

#include "audit_entry.hpp"
#include "scan_recording.hpp"
#include "tracker/auth/secrets.hpp"
#include "tracker/store/awaitable.hpp"
#include "tracker/tracking/handover_service.hpp"
#include "view_builder.hpp"

namespace tracker::tracking {
using namespace tracker::domain;
using auth::Role;

namespace {

constexpr std::size_t kMaxItems = 200;
constexpr auto kFutureTolerance = std::chrono::minutes(5);

Error forbidden(std::string detail) { return make_error(Errc::forbidden, "forbidden", std::move(detail)); }
Error not_found() { return make_error(Errc::not_found, "handover_not_found", "No such handover list."); }

bool caller_at(const auth::Principal& p, OfficeId office_id) {
  return p.role == Role::admin || (p.office_id && *p.office_id == office_id);
}

HandoverView view_of(store::Tx& tx, const store::Handover& h, Timestamp now) {
  ViewBuilder views(tx, now);
  // The offices as they were called when the list was confirmed (the legal
  // moment), or made: a later rename does not rewrite a signed record.
  const Timestamp as_of = h.confirmed_at.value_or(h.created_at);
  HandoverView v{h, views.office(h.from_office_id, as_of), views.office(h.to_office_id, as_of), tx.handover_items(h.id),
                 {}, {}};
  for (const auto& item : v.items) {
    if (item.listed && item.received == std::optional<bool>(false)) v.missing.push_back(item.tracking_number);
    if (!item.listed) v.unexpected.push_back(item.tracking_number);
  }
  return v;
}

// Why this shipment cannot go on a list of that direction, or "" when it can.
std::string refusal(store::Tx& tx, const store::Shipment& s, HandoverDirection direction, OfficeId agency_id) {
  using S = ShipmentStatus;
  if (direction == HandoverDirection::dossiers_to_agency) {
    if (s.kind != ShipmentKind::dossier) return "wrong_kind";
    if (s.agency_id != agency_id) return "other_agency";
    if (s.status == S::created) return "not_accepted_yet";
    if (s.status == S::delivered) return "already_delivered";
    if (s.status == S::cancelled || s.status == S::returned) return std::string(to_string(s.status));
  } else {
    if (s.kind != ShipmentKind::result) return "wrong_kind";
    if (s.agency_id != agency_id) return "other_agency";
    if (s.status != S::created) return "already_collected";
  }
  if (tx.open_handover_of(s.id)) return "on_open_list";
  return "";
}

std::string refusal_text(const std::string& code) {
  if (code == "wrong_kind") return "A dossier list carries dossiers; a result list carries results.";
  if (code == "other_agency") return "This shipment belongs to another agency.";
  if (code == "not_accepted_yet") return "The dossier was not accepted (scanned) yet.";
  if (code == "already_delivered") return "The dossier was already handed to the agency.";
  if (code == "already_collected") return "The result was already collected from the agency.";
  if (code == "on_open_list") return "The shipment is already on another open list.";
  return "The shipment is " + code + ".";
}

}  // namespace

Task<HandoverView> HandoverService::create(const auth::Principal& p, NewHandover h) {
  if (!auth::can_write(p)) co_return forbidden("Supervisors read; they do not hand over.");
  std::function<Result<HandoverView>(store::Tx&)> job = [p, h = std::move(h), clock = &clock_](store::Tx& tx) -> Result<HandoverView> {
    auto from = tx.find_office_by_code(h.from_office);
    auto to = tx.find_office_by_code(h.to_office);
    std::vector<FieldError> errors;
    if (!from) errors.push_back({"from_office", "unknown_office", "No office has this code."});
    if (!to) errors.push_back({"to_office", "unknown_office", "No office has this code."});
    if (!errors.empty()) return Error{Errc::invalid, "validation_failed", "Unknown offices.", errors};
    if (!caller_at(p, from->id)) return forbidden("A list is made by the sending office's own staff.");
    HandoverDirection direction;
    // Dossiers go from where they were taken (a post office or, since Decree
    // 118/2025, a service centre) to the competent agency; results back.
    auto carrier = [](const store::Office& o) {
      return o.kind == OfficeKind::post_office || o.kind == OfficeKind::service_centre;
    };
    if (carrier(*from) && to->kind == OfficeKind::agency) {
      direction = HandoverDirection::dossiers_to_agency;
    } else if (from->kind == OfficeKind::agency && carrier(*to)) {
      direction = HandoverDirection::results_from_agency;
    } else {
      return field_error("to_office", "wrong_direction",
                         "Lists go between a post office or service centre and an agency.");
    }
    OfficeId agency_id = direction == HandoverDirection::dossiers_to_agency ? to->id : from->id;
    if (h.tracking_numbers.empty() || h.tracking_numbers.size() > kMaxItems) {
      return field_error("tracking_numbers", "bad_count", "A list has 1 to 200 items.");
    }
    std::vector<ShipmentId> ids;
    std::set<std::string> seen;
    for (std::size_t i = 0; i < h.tracking_numbers.size(); ++i) {
      std::string field = "tracking_numbers[" + std::to_string(i) + "]";
      auto tn = TrackingNumber::parse(h.tracking_numbers[i]);
      if (!tn) {
        errors.push_back({field, tn.error().fields.empty() ? "bad_format" : tn.error().fields[0].code,
                          tn.error().fields.empty() ? tn.error().detail : tn.error().fields[0].message});
        continue;
      }
      if (!seen.insert(std::string(tn->str())).second) {
        errors.push_back({field, "duplicate", "Listed twice."});
        continue;
      }
      // Locked: two lists made at once cannot both take the same item.
      auto s = tx.lock_shipment_by_tracking_number(std::string(tn->str()));
      if (!s || (p.role != Role::admin && !auth::can_see(p, scope_of(tx, p, *s)) && s->agency_id != agency_id)) {
        errors.push_back({field, "unknown_shipment", "No shipment " + std::string(tn->str()) + " in your scope."});
        continue;
      }
      auto why = refusal(tx, *s, direction, agency_id);
      if (!why.empty()) {
        errors.push_back({field, why, refusal_text(why)});
        continue;
      }
      ids.push_back(s->id);
    }
    if (!errors.empty()) return Error{Errc::invalid, "validation_failed", "Some items cannot be handed over.", errors};
    auto at = clock->now();
    auto day = local_date(at);
    char date[16];
    std::snprintf(date, sizeof date, "%02d%02u%02u", static_cast<int>(day.year()) % 100,
                  static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
    int n = tx.take_handover_number(from->id, date);
    store::Handover row;
    row.code = "BB-" + from->code + "-" + date + "-" + std::to_string(n);
    row.from_office_id = from->id;
    row.to_office_id = to->id;
    row.direction = direction;
    row.status = HandoverStatus::open;
    row.created_at = at;
    row.created_by = p.user_id;
    row.id = tx.insert_handover(row);
    for (std::size_t i = 0; i < ids.size(); ++i) tx.insert_handover_item(row.id, ids[i], static_cast<int>(i + 1), true);
    tx.append_audit(audit_entry(p, at, "handover.created", row.code,
                                {{"from", from->code}, {"to", to->code}, {"items", ids.size()}}));
    return view_of(tx, row, at);
  };
  auto created = co_await store::write_async<HandoverView>(store_, std::move(job));
  co_return created;
}

Result<HandoverView> HandoverService::get(const auth::Principal& p, HandoverId id) {
  return store_.read([&](store::Tx& tx) -> Result<HandoverView> {
    auto h = tx.find_handover(id);
    if (!h || !(caller_at(p, h->from_office_id) || caller_at(p, h->to_office_id))) return not_found();
    return view_of(tx, *h, clock_.now());
  });
}

Task<HandoverView> HandoverService::confirm(const auth::Principal& p, HandoverId id, HandoverConfirmation c) {
  if (!auth::can_write(p)) co_return forbidden("Supervisors read; they do not confirm.");
  if (c.occurred_at > clock_.now() + kFutureTolerance) {
    co_return field_error("occurred_at", "in_future", "occurred_at is in the future: check the device clock.");
  }
  auto channels = channels_;
  std::function<Result<HandoverView>(store::Tx&)> job = [p, id, c = std::move(c), channels, clock = &clock_](store::Tx& tx) -> Result<HandoverView> {
    auto now = clock->now();
    auto h = tx.lock_handover(id);
    if (!h || !(caller_at(p, h->from_office_id) || caller_at(p, h->to_office_id))) return not_found();
    if (!caller_at(p, h->to_office_id)) return forbidden("The receiving office confirms what it received.");
    if (h->status == HandoverStatus::confirmed) {
      return make_error(Errc::conflict, "already_confirmed", "This list was already confirmed.");
    }
    if (h->status == HandoverStatus::voided) return make_error(Errc::conflict, "voided", "This list was voided.");
    bool dossiers = h->direction == HandoverDirection::dossiers_to_agency;
    OfficeId agency_id = dossiers ? h->to_office_id : h->from_office_id;
    auto agency = tx.find_office(agency_id);
    auto items = tx.handover_items(id);
    std::vector<std::string> unknown;
    std::set<ShipmentId> received;
    int position = static_cast<int>(items.size());
    for (const auto& text : c.received) {
      auto tn = TrackingNumber::parse(text);
      auto s = tn ? tx.find_shipment_by_tracking_number(std::string(tn->str())) : std::nullopt;
      if (!s) {
        unknown.push_back(text);
        continue;
      }
      if (!received.insert(s->id).second) continue;
      bool listed = std::any_of(items.begin(), items.end(), [&](const auto& i) { return i.shipment_id == s->id; });
      // Arrived unlisted but not this list's kind or agency: on the record, no event.
      bool eligible = listed || refusal(tx, *s, h->direction, agency_id).empty();
      if (!listed) tx.insert_handover_item(id, s->id, ++position, false);
      tx.set_handover_item_received(id, s->id, true);
      if (!eligible) continue;
      ScanRequest scan{auth::new_uuid(),
                       *tn,
                       dossiers ? EventType::delivered : EventType::accepted,
                       agency->code,
                       c.occurred_at,
                       std::nullopt, std::nullopt, std::nullopt,
                       "handover " + h->code,
                       ""};
      scan.body_hash = auth::sha256(canonical_form(scan));
      auto recorded = record_in(tx, p, scan, channels, now);
      if (!recorded) {
        auto e = recorded.error();
        e.detail = std::string(tn->str()) + ": " + e.detail;
        return e;
      }
    }
    for (const auto& item : items) {
      if (!received.count(item.shipment_id)) tx.set_handover_item_received(id, item.shipment_id, false);
    }
    tx.confirm_handover(id, c.occurred_at, p.user_id, c.received_by);
    auto v = view_of(tx, *tx.find_handover(id), now);
    v.unexpected.insert(v.unexpected.end(), unknown.begin(), unknown.end());
    tx.append_audit(audit_entry(p, now, "handover.confirmed", v.handover.code,
                                {{"received", c.received.size()}, {"missing", v.missing.size()},
                                 {"unexpected", v.unexpected.size()}, {"occurred_at", format_rfc3339(c.occurred_at)}}));
    return v;
  };
  auto confirmed = co_await store::write_async<HandoverView>(store_, std::move(job));
  co_return confirmed;
}

Task<HandoverView> HandoverService::void_list(const auth::Principal& p, HandoverId id, std::string reason) {
  if (!auth::can_write(p)) co_return forbidden("Supervisors read; they do not void lists.");
  std::function<Result<HandoverView>(store::Tx&)> job = [p, id, reason = std::move(reason), clock = &clock_](store::Tx& tx) -> Result<HandoverView> {
    auto now = clock->now();
    auto h = tx.lock_handover(id);
    if (!h || !(caller_at(p, h->from_office_id) || caller_at(p, h->to_office_id))) return not_found();
    if (!caller_at(p, h->from_office_id)) return forbidden("The sending office voids its own list.");
    if (h->status != HandoverStatus::open) {
      return make_error(Errc::conflict, "not_open",
                        "Only an open list can be voided; this one is " + std::string(to_string(h->status)) + ".");
    }
    tx.void_handover(id, now, p.user_id, reason);
    tx.append_audit(audit_entry(p, now, "handover.voided", h->code, {{"reason", reason}}));
    return view_of(tx, *tx.find_handover(id), now);
  };
  auto voided = co_await store::write_async<HandoverView>(store_, std::move(job));
  co_return voided;
}

}  // namespace tracker::tracking
