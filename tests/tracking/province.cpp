#include "province.hpp"

#include <stdexcept>

#include "tracker/auth/secrets.hpp"
#include "tracker/domain/time.hpp"
#include "tracker/tracking/office_service.hpp"

namespace tracker::test {
using namespace tracker::domain;

Timestamp vn_time(std::string_view local) {
  std::string text(local);
  text[10] = 'T';
  auto t = parse_rfc3339(text + ":00+07:00");
  if (!t) throw std::invalid_argument("not a local time: " + std::string(local));
  return *t;
}

Province::Province(tracking::NotifyChannels channels)
    : store(dir.file("province.db")),
      auth(store, workers, clock),
      offices(store, clock),
      shipments(store, tracking::TrackingOptions{"EC", "VN"}, clock),
      scans(store, channels, clock) {
  admin = user("admin", auth::Role::admin, std::nullopt);
  for (auto [code, kind, name, agency] :
       {std::tuple{"BD-TP", OfficeKind::post_office, "Bưu điện Thái Nguyên", ""},
        std::tuple{"UBND-DX", OfficeKind::agency, "UBND phường Đức Xuân", "000.00.19.H12"},
        std::tuple{"UBND-SN", OfficeKind::agency, "UBND phường Sông Cầu", "000.00.19.H13"}}) {
    tracking::NewOffice o{code, kind, name, "Thái Nguyên", "Phường Đức Xuân", "", std::nullopt};
    if (*agency) o.agency_code = agency;
    if (!run(offices.create(admin, o))) throw std::runtime_error(std::string("office ") + code);
  }
  postal = user("buudien", auth::Role::postal_worker, "BD-TP");
  clerk_dx = user("canbo.dx", auth::Role::clerk, "UBND-DX");
  clerk_sn = user("canbo.sn", auth::Role::clerk, "UBND-SN");
}

Province::~Province() {
  workers.join();
  store.stop();
}

auth::Principal Province::user(const std::string& name, auth::Role role, std::optional<std::string> office) {
  auto created = run(auth.create_user(auth::NewUser{name, name, role, office, ""}));
  if (!created) throw std::runtime_error("user " + name + ": " + created.error().detail);
  auto p = auth.authenticate(created->token);
  if (!p) throw std::runtime_error("principal " + name);
  return *p;
}

tracking::NewShipment Province::dossier(std::optional<std::string> code) const {
  tracking::NewShipment n;
  n.kind = ShipmentKind::dossier;
  n.agency = "UBND-DX";
  n.procedure_code = "1.001193";
  n.procedure_name = "Đăng ký khai sinh";
  if (code) n.dossier_code = *DossierCode::parse(*code);
  n.citizen_name = "Nguyễn Thị Hoa";
  n.citizen_phone = *PhoneNumber::parse("0912345678");
  n.citizen_email = "hoa@example.vn";
  n.citizen_address.line = "Tổ 3";
  n.citizen_address.commune = "Phường Đức Xuân";
  n.citizen_address.province = "Thái Nguyên";
  n.notify_sms = true;
  n.notify_email = true;
  return n;
}

tracking::NewShipment Province::result(std::optional<std::string> code) const {
  auto n = dossier(std::move(code));
  n.kind = ShipmentKind::result;
  n.procedure_name = "Giấy khai sinh";
  return n;
}

std::string Province::create(const tracking::NewShipment& s) {
  const auto& by = s.kind == ShipmentKind::dossier ? postal : clerk_dx;
  auto made = run(shipments.create(by, s));
  if (!made) throw std::runtime_error("shipment: " + made.error().code + " " + made.error().detail);
  return made->shipment.tracking_number;
}

tracking::ScanRequest Province::scan(const std::string& tn, EventType type, std::string_view at,
                                     const auth::Principal& by) const {
  tracking::ScanRequest s{auth::new_uuid(), *TrackingNumber::parse(tn)};
  s.type = type;
  s.office = by.office_code;
  s.occurred_at = vn_time(at);
  if (type == EventType::delivery_failed) s.reason = FailureReason::addressee_absent;
  if (type == EventType::delivered) s.recipient = tracking::Recipient{"Nguyễn Thị Hoa", RecipientRelation::self, IdType::cccd};
  s.body_hash = auth::sha256(tracking::canonical_form(s));
  return s;
}

Result<tracking::RecordedScan> Province::record(const auth::Principal& by, const tracking::ScanRequest& s) {
  return run(scans.record(by, s));
}

store::Shipment Province::shipment(const std::string& tn) {
  return *store.read([&](store::Tx& tx) { return tx.find_shipment_by_tracking_number(tn); });
}

std::vector<store::OutboxMessage> Province::outbox(const std::string& tn) {
  auto id = shipment(tn).id;
  return store.read([&](store::Tx& tx) { return tx.outbox_of(id); });
}

}  // namespace tracker::test
