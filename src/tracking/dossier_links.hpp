#pragma once
// Dossier codes on shipments: one dossier shipment per code, the code's
// agency prefix matching the agency, and results linked to their dossier in
// whichever order the two arrive. Private to tracking/; runs in the writer.
#include <string>

#include "tracker/domain/result.hpp"
#include "tracker/store/tx.hpp"

namespace tracker::tracking {

// May this dossier code be given to the shipment (self: none when not
// created yet) of this agency and kind?
domain::Result<domain::Ok> check_dossier_code(store::Tx& tx, const store::Office& agency,
                                              domain::ShipmentKind kind, const std::string& code,
                                              std::optional<domain::ShipmentId> self);

// Links the shipment that now carries the code: a result to its dossier, or
// a dossier to the results already waiting for it (same agency only).
void link_by_dossier_code(store::Tx& tx, const store::Shipment& s, const std::string& code);

}  // namespace tracker::tracking
