#pragma once
// The handover record (biên bản giao nhận) as an A4 PDF: both offices, every
// item with its barcode, counts, and the two signature blocks. Same cairo +
// pango machinery as the labels. CPU-bound: call from the worker pool.
#include <string>
#include <vector>

#include "tracker/domain/event.hpp"
#include "tracker/domain/vocabulary.hpp"

namespace tracker::labels {

struct HandoverLine {
  std::string tracking_number;
  domain::ShipmentKind kind = domain::ShipmentKind::dossier;
  std::string dossier_code;  // may be empty
  bool listed = true;
  std::string received;      // "" (not confirmed yet), "yes", "no"
};

struct HandoverDocument {
  std::string code;
  domain::HandoverDirection direction = domain::HandoverDirection::dossiers_to_agency;
  domain::HandoverStatus status = domain::HandoverStatus::open;
  std::string from_name, from_code, to_name, to_code;
  std::string created_at;    // "27/11/2026 09:30"
  std::string confirmed_at;  // empty while open
  std::string received_by;
  std::string void_reason;
  std::vector<HandoverLine> lines;
};

std::string render_handover_pdf(const HandoverDocument& doc);

}  // namespace tracker::labels
