#include "report_world.hpp"

#include <stdexcept>

namespace tracker::test {
using domain::Timestamp;

Timestamp vn(std::string_view local) {
  std::string text(local);
  text[10] = 'T';
  auto t = domain::parse_rfc3339(text + ":00+07:00");
  if (!t) throw std::invalid_argument("not a local time: " + std::string(local));
  return *t;
}

ReportWorld::ReportWorld()
    : store_(database_.location()), shipments_(store_, {}), reports_(store_, workers_, shipments_) {}

ReportWorld::~ReportWorld() { workers_.join(); }

domain::OfficeId ReportWorld::add_office(const std::string& code, domain::OfficeKind kind) {
  store::Office o{domain::OfficeId{0}, code, kind, "Đơn vị " + code, "Bắc Kạn", "", "", std::nullopt};
  if (kind == domain::OfficeKind::agency) o.agency_code = "000.00.19.H" + std::to_string(10 + serial_++);
  auto id = store_.write_blocking<domain::OfficeId>([o](store::Tx& tx) -> domain::Result<domain::OfficeId> {
    return tx.insert_office(o, vn("2026-01-01 00:00"));
  });
  return *id;
}

domain::ShipmentId ReportWorld::add_shipment(domain::ShipmentKind kind, domain::OfficeId office, domain::OfficeId agency,
                                       Timestamp created_at, Timestamp due_at) {
  store::Shipment s;
  auto serial = std::to_string(10000000 + ++serial_);  // 8 digits
  s.tracking_number = "RS" + serial.substr(serial.size() - 8) + "VN";
  s.kind = kind;
  s.status = domain::ShipmentStatus::created;
  s.route = domain::Route::same_commune;
  s.office_id = office;
  s.agency_id = agency;
  s.citizen_name = "Nguyễn Văn An";
  s.created_at = created_at;
  s.due_at = due_at;
  auto id = store_.write_blocking<domain::ShipmentId>([s](store::Tx& tx) -> domain::Result<domain::ShipmentId> {
    return tx.insert_shipment(s);
  });
  return *id;
}

void ReportWorld::add_event(domain::ShipmentId shipment, domain::EventType type, Timestamp at,
                            domain::ShipmentStatus status) {
  store::Event e;
  e.shipment_id = shipment;
  e.event_id = "00000000-0000-4000-8000-" + std::to_string(100000000000LL + ++serial_);
  e.type = type;
  e.office_id = domain::OfficeId{1};
  e.occurred_at = at;
  e.recorded_at = at;
  if (type == domain::EventType::delivery_failed) e.reason = domain::FailureReason::addressee_absent;
  e.body_hash = "hash";
  auto done = store_.write_blocking<domain::Ok>([e, status](store::Tx& tx) -> domain::Result<domain::Ok> {
    tx.insert_event(e);
    auto s = tx.find_shipment(e.shipment_id);
    auto last = s->last_event_at && *s->last_event_at > e.occurred_at ? *s->last_event_at : e.occurred_at;
    tx.update_shipment_status(e.shipment_id, status, s->failed_attempts, last);
    return domain::Ok{};
  });
  if (!done) throw std::runtime_error(done.error().detail);
}

void ReportWorld::cancel(domain::ShipmentId shipment, Timestamp at) {
  auto done = store_.write_blocking<domain::Ok>([=](store::Tx& tx) -> domain::Result<domain::Ok> {
    tx.cancel_shipment(shipment, at);
    return domain::Ok{};
  });
  if (!done) throw std::runtime_error(done.error().detail);
}

std::string ReportWorld::tracking_number(domain::ShipmentId shipment) {
  return store_.read([&](store::Tx& tx) { return tx.find_shipment(shipment)->tracking_number; });
}

auth::Principal ReportWorld::admin() const {
  return auth::Principal{domain::UserId{1}, "admin", auth::Role::admin, std::nullopt, "", false};
}

auth::Principal ReportWorld::staff(auth::Role role, domain::OfficeId office, const std::string& code) const {
  return auth::Principal{domain::UserId{2}, "staff", role, office, code, code.rfind("AG", 0) == 0};
}

}  // namespace tracker::test
