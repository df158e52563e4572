#include "dossier_links.hpp"

namespace tracker::tracking {
using namespace tracker::domain;

Result<Ok> check_dossier_code(store::Tx& tx, const store::Office& agency, ShipmentKind kind,
                              const std::string& code, std::optional<ShipmentId> self) {
  // "000.00.19.H12-261127-0001" starts with the agency's code "000.00.19.H12".
  if (agency.agency_code && code.compare(0, agency.agency_code->size(), *agency.agency_code) != 0) {
    return field_error("dossier_code", "dossier_code_agency_mismatch",
                       "This dossier code belongs to another agency than " + agency.name + ".");
  }
  if (kind == ShipmentKind::dossier) {
    for (const auto& other : tx.find_shipments_by_dossier_code(code)) {
      if (other.id != self && other.kind == ShipmentKind::dossier && !other.cancelled_at) {
        return make_error(Errc::conflict, "dossier_code_taken",
                          "Another dossier shipment (" + other.tracking_number + ") carries this code.",
                          {{"dossier_code", "dossier_code_taken", "Taken by " + other.tracking_number}});
      }
    }
  }
  return Ok{};
}

void link_by_dossier_code(store::Tx& tx, const store::Shipment& s, const std::string& code) {
  for (const auto& other : tx.find_shipments_by_dossier_code(code)) {
    if (other.id == s.id || other.agency_id != s.agency_id || other.cancelled_at) continue;
    if (s.kind == ShipmentKind::result && other.kind == ShipmentKind::dossier && !s.linked_id) {
      tx.set_linked(s.id, other.id);
      return;
    }
    if (s.kind == ShipmentKind::dossier && other.kind == ShipmentKind::result && !other.linked_id) {
      tx.set_linked(other.id, s.id);
    }
  }
}

}  // namespace tracker::tracking
