#pragma once
// Dossier codes on shipments: one dossier shipment per code, in the form its
// agency issues (its pattern, or the default forms under its agency code),
// and results linked to their dossier in
// whichever order the two arrive. Private to tracking/; runs in the writer.
#include <optional>
#include <regex>
#include <string>

#include "tracker/domain/result.hpp"
#include "tracker/store/tx.hpp"

namespace tracker::tracking {

inline constexpr std::size_t kMaxDossierPatternLength = 200;

// An agency's dossier_code_pattern as a regular expression (ECMAScript,
// matched against the whole code), or nullopt when it does not compile or is
// empty or longer than kMaxDossierPatternLength.
std::optional<std::regex> compile_dossier_pattern(const std::string& pattern);
bool matches(const std::regex& pattern, const std::string& code);

// Is `code` of the form the agency issues? 422 on dossier_code naming the
// expected form otherwise.
domain::Result<domain::Ok> check_agency_form(const store::Office& agency, const std::string& code);

// May this dossier code be given to the shipment (self: none when not
// created yet) of this agency and kind?
domain::Result<domain::Ok> check_dossier_code(store::Tx& tx, const store::Office& agency,
                                              domain::ShipmentKind kind, const std::string& code,
                                              std::optional<domain::ShipmentId> self);

// Links the shipment that now carries the code: a result to its dossier, or
// a dossier to the results already waiting for it (same agency only).
void link_by_dossier_code(store::Tx& tx, const store::Shipment& s, const std::string& code);

}  // namespace tracker::tracking
