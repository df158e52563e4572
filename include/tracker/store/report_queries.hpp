#pragma once
// The statements of the supervisors' reports: each walks one index (see
// migration 006) and is bounded by a period or a LIMIT. They are reached
// through Tx::reports() and run inside that transaction (for a
// read: one consistent snapshot). Not thread-safe: use a ReportQueries only
// inside the callback that gave its Tx.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tracker/store/records.hpp"

namespace tracker::store {

// What the summary counts of one shipment, read from the index alone.
struct LegRow {
  ShipmentKind kind = ShipmentKind::dossier;  // its leg
  ShipmentStatus status = ShipmentStatus::created;
  Timestamp created_at{};
  Timestamp due_at{};
  std::optional<Timestamp> leg_ended_at;
};

// A position in the overdue list, which is ordered by (due_at, id).
struct OverdueKey {
  Timestamp due_at{};
  ShipmentId id{};
};

// A shipment past its deadline whose leg is open.
struct OverdueRow {
  ShipmentId id{};
  std::string tracking_number;
  ShipmentKind kind = ShipmentKind::dossier;
  ShipmentStatus status = ShipmentStatus::created;
  OfficeId office_id{};
  OfficeId agency_id{};
  Timestamp created_at{};
  Timestamp due_at{};
};

class ReportQueries {
 public:
  virtual ~ReportQueries() = default;

  // Calls row() for each shipment created at office_id in [from, to), in
  // creation order (index shipments_report, no table reads).
  virtual void legs_of_office(OfficeId office_id, Timestamp from, Timestamp to,
                              const std::function<void(const LegRow&)>& row) = 0;

  // Shipments not cancelled, leg open, due before `at`, oldest due first,
  // strictly after `after`; of one office (where created) or of all. At
  // most `limit` rows (index shipments_open_by_due / _by_office_due).
  virtual std::vector<OverdueRow> overdue(Timestamp at, std::optional<OfficeId> office_id,
                                          std::optional<OverdueKey> after, int limit) = 0;

  // Results with two failed attempts that must go back to their agency
  // (status return_due), of one office (created at or handled by) or of all;
  // at most `limit`, oldest first (index shipments_by_status).
  virtual std::vector<OverdueRow> return_due(std::optional<OfficeId> office_id, int limit) = 0;

 protected:
  ReportQueries() = default;
  ReportQueries(const ReportQueries&) = default;
  ReportQueries& operator=(const ReportQueries&) = default;
};

}  // namespace tracker::store
