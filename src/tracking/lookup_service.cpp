#include "tracker/domain/masking.hpp"
#include "tracker/tracking/lookup_service.hpp"

#include "tracker/domain/dossier_code.hpp"
#include "tracker/domain/tracking_number.hpp"
#include "view_builder.hpp"

namespace tracker::tracking {
using namespace tracker::domain;

namespace {

PublicShipment public_view(ViewBuilder& views, const store::Shipment& s,
                           const std::optional<std::string>& phone_last4) {
  PublicShipment out{s.tracking_number, s.kind, s.status, s.due_at, views.events(s, nullptr, false), {}, false, "", "",
                     views.office(s.agency_id).name, {}};
  if (s.kind == ShipmentKind::dossier) out.agency_statuses = views.dossier_statuses(s.id);
  out.facts = views.facts(s, out.events);
  // The last four digits unlock the masked name; nothing else personal is
  // ever shown. The event rows keep their recipient and notes, which the
  // renderer of a public view never prints.
  if (phone_last4 && s.citizen_phone && s.citizen_phone->last4() == *phone_last4) {
    out.unlocked = true;
    out.masked_name = mask_name(s.citizen_name);
    out.procedure_name = s.procedure_name;
  }
  return out;
}

}  // namespace

Result<std::vector<PublicShipment>> LookupService::lookup(std::string_view code,
                                                           std::optional<std::string> phone_last4) {
  if (code.size() > 64) {
    return field_error("code", "invalid_code", "Not a tracking number or a dossier code.");
  }
  if (TrackingNumber::looks_like(code)) {
    auto tn = TrackingNumber::parse(code);
    if (!tn) return tn.error();
    return store_.read([&](store::Tx& tx) -> Result<std::vector<PublicShipment>> {
      auto s = tx.find_shipment_by_tracking_number(std::string(tn->str()));
      if (!s) return not_found_shipment();
      ViewBuilder views(tx, clock_.now());
      return std::vector<PublicShipment>{public_view(views, *s, phone_last4)};
    });
  }
  auto dossier = DossierCode::parse(code);
  if (!dossier) {
    return field_error("code", "invalid_code",
                       "Not a tracking number (e.g. EC 136 431 858 VN) or a dossier code "
                       "(e.g. 000.00.19.H12-261127-0001).");
  }
  return store_.read([&](store::Tx& tx) -> Result<std::vector<PublicShipment>> {
    auto rows = tx.find_shipments_by_dossier_code(std::string(dossier->str()));
    if (rows.empty()) {
      return make_error(Errc::not_found, "dossier_not_found", "No shipment carries this dossier code.");
    }
    ViewBuilder views(tx, clock_.now());
    std::vector<PublicShipment> out;
    for (const auto& s : rows) {
      if (s.cancelled_at) continue;
      out.push_back(public_view(views, s, phone_last4));
    }
    return out;
  });
}

}  // namespace tracker::tracking
