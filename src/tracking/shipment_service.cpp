#include "audit_entry.hpp"
#include "tracker/auth/secrets.hpp"
#include "tracker/store/awaitable.hpp"
#include "tracker/tracking/office_service.hpp"
#include "tracker/tracking/shipment_service.hpp"
#include "tracker/tracking/unit_service.hpp"
#include "dossier_links.hpp"
#include "view_builder.hpp"

namespace tracker::tracking {
using namespace tracker::domain;
using auth::Role;

namespace {

Error forbidden(std::string detail) {
  return make_error(Errc::forbidden, "forbidden", std::move(detail));
}

// Which office creates the shipment, or why the caller may not.
Result<store::Office> creating_office(store::Tx& tx, const auth::Principal& p,
                                      const NewShipment& s, const store::Office& agency) {
  if (p.role == Role::supervisor) return forbidden("Supervisors read; they do not create shipments.");
  if (p.role == Role::postal_worker) {
    if (s.kind != ShipmentKind::dossier) {
      return forbidden("Result shipments are created by the agency's clerk.");
    }
    return *tx.find_office(*p.office_id);
  }
  if (p.role == Role::clerk) {
    if (s.kind != ShipmentKind::result) {
      return forbidden("Dossier shipments are created by the postal worker at intake.");
    }
    if (agency.id != *p.office_id) return forbidden("A clerk creates results of its own agency only.");
    return agency;
  }
  // admin
  if (s.kind == ShipmentKind::result) return agency;
  if (!s.office) {
    return field_error("office", "required", "An admin creating a dossier names the intake office.");
  }
  auto office = tx.find_office_by_code(*s.office);
  if (!office) return field_error("office", "unknown_office", "No office has this code.");
  return *office;
}

}  // namespace

ShipmentService::ShipmentService(store::Store& store, TrackingOptions options, const Clock& clock)
    : store_(store),
      options_(std::move(options)),
      clock_(clock),
      calendars_(std::make_shared<const std::map<CalendarName, HolidayCalendar>>(
          std::map<CalendarName, HolidayCalendar>{
              {CalendarName::civil_service, load_calendar(store, CalendarName::civil_service)},
              {CalendarName::postal, load_calendar(store, CalendarName::postal)}})),
      deadlines_(load_deadlines(store)) {}

void ShipmentService::set_deadlines(DeadlineTable t) {
  std::lock_guard lock(calendar_mu_);
  deadlines_ = std::move(t);
}

void ShipmentService::set_calendar(CalendarName name, HolidayCalendar c) {
  std::lock_guard lock(calendar_mu_);
  auto next = *calendars_;
  next[name] = std::move(c);
  calendars_ = std::make_shared<const std::map<CalendarName, HolidayCalendar>>(std::move(next));
}

std::map<CalendarName, HolidayCalendar> ShipmentService::calendars() const {
  std::lock_guard lock(calendar_mu_);
  return *calendars_;
}

HolidayCalendar ShipmentService::calendar(CalendarName name) const {
  std::lock_guard lock(calendar_mu_);
  return calendars_->at(name);
}

Task<ShipmentView> ShipmentService::create(const auth::Principal& p, NewShipment s) {
  std::shared_ptr<const std::map<CalendarName, HolidayCalendar>> calendars;
  DeadlineTable table;
  {
    std::lock_guard lock(calendar_mu_);
    calendars = calendars_;
    table = deadlines_;
  }
  auto opts = options_;
  std::function<domain::Result<ShipmentView>(store::Tx&)> job1 =
      [p, s = std::move(s), calendars = std::move(calendars), table, opts,
       clock = &clock_](store::Tx& tx) -> Result<ShipmentView> {
        auto now = clock->now();
        auto agency = tx.find_office_by_code(s.agency);
        if (!agency || agency->kind != OfficeKind::agency) {
          return field_error("agency", "unknown_agency", "No agency has this code.");
        }
        auto office = creating_office(tx, p, s, *agency);
        if (!office) return office.error();
        std::optional<store::Office> receiving;
        if (s.receiving_office) {
          receiving = tx.find_office_by_code(*s.receiving_office);
          if (!receiving || receiving->kind == OfficeKind::agency || s.kind != ShipmentKind::dossier) {
            return field_error("receiving_office", "unknown_receiving_office",
                               "A dossier's receiving office is a service centre or post office.");
          }
        } else if (s.kind == ShipmentKind::dossier && office->kind == OfficeKind::service_centre) {
          receiving = *office;  // taken at a centre: that centre received it
        }
        if (s.kind == ShipmentKind::result && !s.dossier_code) {
          return field_error("dossier_code", "required", "A result shipment needs its dossier code.");
        }
        if (s.dossier_code) {
          auto allowed = check_dossier_code(tx, *agency, s.kind, std::string(s.dossier_code->str()), std::nullopt);
          if (!allowed) return allowed.error();
        }
        auto address = resolve_address(tx, s.citizen_address, "citizen.address");
        if (!address) return address.error();
        auto tn = TrackingNumber::from_serial(opts.service_indicator,
                                              tx.take_serial(opts.service_indicator), opts.country);
        if (!tn) return tn.error();
        store::Shipment row;
        row.tracking_number = std::string(tn->str());
        row.kind = s.kind;
        row.status = ShipmentStatus::created;
        row.route = s.route;
        row.office_id = office->id;
        row.agency_id = agency->id;
        if (receiving) row.receiving_office_id = receiving->id;
        if (s.dossier_code) row.dossier_code = s.dossier_code->str();
        row.procedure_code = s.procedure_code;
        row.procedure_name = s.procedure_name;
        row.citizen_name = s.citizen_name;
        row.citizen_phone = s.citizen_phone;
        row.citizen_email = s.citizen_email;
        row.citizen_address = *address;
        row.documents = s.documents_json;
        row.notify_sms = s.notify_sms;
        row.notify_email = s.notify_email;
        row.fee_vnd = s.fee_vnd;
        row.created_at = now;
        row.created_by = p.user_id;
        row.due_at = due_at(row.created_at, s.route, calendars->at(store::leg_calendar(*office)), table);
        row.id = tx.insert_shipment(row);
        if (row.dossier_code) {
          link_by_dossier_code(tx, row, *row.dossier_code);
          row = *tx.find_shipment(row.id);
        }
        tx.add_shipment_office(row.id, office->id);
        if (receiving && receiving->id != office->id) tx.add_shipment_office(row.id, receiving->id);
        tx.append_audit(audit_entry(p, now, "shipment.created", row.tracking_number,
                                    {{"kind", to_string(row.kind)}, {"office", office->code}, {"agency", agency->code},
                                     {"dossier_code", row.dossier_code.value_or("")},
                                     {"due_at", format_rfc3339(row.due_at)}}));
        return ViewBuilder(tx, now).shipment(row, true);
      };
  auto written1 = co_await store::write_async<ShipmentView>(store_, std::move(job1));
  co_return written1;
}

Result<ShipmentView> ShipmentService::get(const auth::Principal& p, const TrackingNumber& tn) {
  return store_.read([&](store::Tx& tx) -> Result<ShipmentView> {
    auto s = tx.find_shipment_by_tracking_number(std::string(tn.str()));
    // Out of scope answers like unknown: no one learns what another office holds.
    if (!s || !auth::can_see(p, scope_of(tx, p, *s))) return not_found_shipment();
    return ViewBuilder(tx, clock_.now()).shipment(*s, true);
  });
}

Result<DossierPair> ShipmentService::find_dossier_pair(const auth::Principal& p, const DossierCode& code) {
  return store_.read([&](store::Tx& tx) -> Result<DossierPair> {
    DossierPair pair;
    ViewBuilder views(tx, clock_.now());
    for (const auto& s : tx.find_shipments_by_dossier_code(std::string(code.str()))) {
      if (s.cancelled_at || !auth::can_see(p, scope_of(tx, p, s))) continue;
      auto& slot = s.kind == ShipmentKind::dossier ? pair.dossier : pair.result;
      slot = views.shipment(s, true);
    }
    return pair;
  });
}

Result<ShipmentPage> ShipmentService::list(const auth::Principal& p, store::ShipmentQuery q) {
  if (p.role != Role::admin) {
    if (!p.office_id) return forbidden("No office.");
    q.scope_office_id = p.office_id;
    q.scope_is_agency = p.office_is_agency;
  }
  int limit = q.limit;
  q.limit = limit + 1;
  return store_.read([&](store::Tx& tx) -> Result<ShipmentPage> {
    auto rows = tx.list_shipments(q);
    ShipmentPage page;
    ViewBuilder views(tx, clock_.now());
    for (int i = 0; i < static_cast<int>(rows.size()) && i < limit; ++i) {
      page.items.push_back(views.shipment(rows[i], false));
    }
    if (static_cast<int>(rows.size()) > limit) page.next_before_id = rows[limit - 1].id;
    return page;
  });
}

Result<store::FeedPage> ShipmentService::feed(const auth::Principal& p, store::FeedPosition after,
                                             std::optional<std::string> agency, const std::vector<Trigger>& types,
                                             int limit) {
  store::FeedQuery q;
  q.after = after;
  q.limit = limit;
  if (p.role != Role::admin) {
    if (!p.office_id) return forbidden("No office.");
    q.scope_office_id = p.office_id;
    q.scope_is_agency = p.office_is_agency;
  }
  if (!types.empty()) {
    q.types = ",";
    for (const auto& t : types) q.types += std::string(to_string(t)) + ",";
  }
  return store_.read([&](store::Tx& tx) -> Result<store::FeedPage> {
    if (agency) {
      auto a = tx.find_office_by_code(*agency);
      if (!a || a->kind != OfficeKind::agency) return field_error("agency", "unknown_agency", "No agency has this code.");
      q.agency_id = a->id;
    }
    return tx.feed(q);
  });
}

Task<ShipmentView> ShipmentService::cancel(const auth::Principal& p, TrackingNumber tn) {
  std::function<domain::Result<ShipmentView>(store::Tx&)> job2 =
      [p, tn, clock = &clock_](store::Tx& tx) -> Result<ShipmentView> {
        auto now = clock->now();
        auto s = tx.lock_shipment_by_tracking_number(std::string(tn.str()));
        if (!s || !auth::can_see(p, scope_of(tx, p, *s))) return not_found_shipment();
        if (!auth::can_write(p)) return forbidden("Supervisors read; they do not cancel.");
        if (s->status != ShipmentStatus::created || !tx.events_of(s->id).empty()) {
          return make_error(Errc::conflict, "not_cancellable",
                            "Only a shipment that has not been scanned yet can be cancelled.");
        }
        tx.cancel_shipment(s->id, now);
        tx.append_audit(audit_entry(p, now, "shipment.cancelled", s->tracking_number));
        auto updated = tx.find_shipment(s->id);
        return ViewBuilder(tx, now).shipment(*updated, true);
      };
  auto written2 = co_await store::write_async<ShipmentView>(store_, std::move(job2));
  co_return written2;
}

}  // namespace tracker::tracking
