#include "dossier_links.hpp"

#include "tracker/domain/dossier_code.hpp"

namespace tracker::tracking {
using namespace tracker::domain;

Result<Ok> check_agency_form(const store::Office& agency, const std::string& text) {
  auto mismatch = [&](const std::string& form) {
    return field_error("dossier_code", "dossier_code_agency_mismatch",
                       agency.name + " issues dossier codes of the form " + form + ".");
  };
  if (agency.dossier_code_pattern) {
    auto pattern = compile_dossier_pattern(*agency.dossier_code_pattern);
    if (!pattern || !matches(*pattern, text)) return mismatch(*agency.dossier_code_pattern);
    return Ok{};
  }
  if (!agency.agency_code) return Ok{};
  auto code = DossierCode::parse(text);
  if (!code || !matches_default_forms(*code, *agency.agency_code)) return mismatch(expected_form(*agency.agency_code));
  return Ok{};
}

std::optional<std::regex> compile_dossier_pattern(const std::string& pattern) {
  if (pattern.empty() || pattern.size() > kMaxDossierPatternLength) return std::nullopt;
  try {
    return std::regex(pattern, std::regex::ECMAScript);
  } catch (const std::regex_error&) {
    return std::nullopt;
  }
}

bool matches(const std::regex& pattern, const std::string& code) {
  try {
    return std::regex_match(code, pattern);
  } catch (const std::regex_error&) {  // error_complexity / error_stack: no match
    return false;
  }
}

Result<Ok> check_dossier_code(store::Tx& tx, const store::Office& agency, ShipmentKind kind,
                              const std::string& code, std::optional<ShipmentId> self) {
  if (auto refused = check_agency_form(agency, code); !refused) return refused.error();
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
