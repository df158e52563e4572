// The statements of the reports (migration 006 holds their indexes). Each
// names its index: a plan that could not use it fails loudly instead of
// quietly reading the whole table.
#include "queries.hpp"

#include <limits>

#include "connection.hpp"
#include "rows.hpp"

namespace tracker::store::sqlite {
using namespace rows;

void SqliteReportQueries::legs_of_office(OfficeId office_id, Timestamp from, Timestamp to,
                                   const std::function<void(const LegRow&)>& row) {
  auto& q = c_.statement(
      "SELECT kind, status, created_at, due_at, leg_ended_at FROM shipments "
      "INDEXED BY shipments_report "
      "WHERE office_id = ?1 AND created_at >= ?2 AND created_at < ?3");
  put(q, 1, office_id);
  put(q, 2, from);
  put(q, 3, to);
  LegRow r;
  while (q.executeStep()) {
    auto kind = q.getColumn(0);
    auto status = q.getColumn(1);
    r.kind = to_word<ShipmentKind>(std::string_view(kind.getText(), static_cast<std::size_t>(kind.getBytes())));
    r.status = to_word<ShipmentStatus>(std::string_view(status.getText(), static_cast<std::size_t>(status.getBytes())));
    r.created_at = ts(q.getColumn(2).getInt64());
    r.due_at = ts(q.getColumn(3).getInt64());
    r.leg_ended_at = opt_ts(q.getColumn(4));
    row(r);
  }
}

namespace {

// The columns both lists select: id, tracking_number, kind, status,
// office_id, agency_id, created_at, due_at.
OverdueRow overdue_row_from(SQLite::Statement& q) {
  return OverdueRow{id<ShipmentId>(q.getColumn(0)), q.getColumn(1).getString(), word<ShipmentKind>(q.getColumn(2)),
                    word<ShipmentStatus>(q.getColumn(3)), id<OfficeId>(q.getColumn(4)), id<OfficeId>(q.getColumn(5)),
                    ts(q.getColumn(6).getInt64()), ts(q.getColumn(7).getInt64())};
}

}  // namespace

std::vector<OverdueRow> SqliteReportQueries::overdue(Timestamp at, std::optional<OfficeId> office_id,
                                               std::optional<OverdueKey> after, int limit) {
  // The open-leg condition repeats the partial indexes' WHERE, so they apply.
  static const std::string kColumns =
      "SELECT s.id, s.tracking_number, s.kind, s.status, s.office_id, s.agency_id, s.created_at, "
      "s.due_at FROM shipments s ";
  static const std::string kOpen =
      "s.leg_ended_at IS NULL AND s.cancelled_at IS NULL AND s.due_at < ?1 "
      "AND (s.due_at, s.id) > (?2, ?3) ORDER BY s.due_at, s.id LIMIT ?4";
  auto& q = office_id ? c_.statement(kColumns + "INDEXED BY shipments_open_by_office_due "
                                                "WHERE s.office_id = ?5 AND " + kOpen)
                      : c_.statement(kColumns + "INDEXED BY shipments_open_by_due WHERE " + kOpen);
  q.bind(1, static_cast<std::int64_t>(ms(at)));
  // No cursor: from before any deadline.
  q.bind(2, after ? static_cast<std::int64_t>(ms(after->due_at)) : std::numeric_limits<std::int64_t>::min());
  q.bind(3, after ? domain::raw(after->id) : std::int64_t{0});
  q.bind(4, limit);
  if (office_id) put(q, 5, *office_id);
  std::vector<OverdueRow> out;
  while (q.executeStep()) out.push_back(overdue_row_from(q));
  return out;
}

std::vector<OverdueRow> SqliteReportQueries::return_due(std::optional<OfficeId> office_id, int limit) {
  auto& q = c_.statement(
      "SELECT s.id, s.tracking_number, s.kind, s.status, s.office_id, s.agency_id, s.created_at, s.due_at "
      "FROM shipments s INDEXED BY shipments_by_status WHERE s.status = 'return_due' "
      "AND (?1 IS NULL OR s.office_id = ?1 OR s.agency_id = ?1 OR EXISTS (SELECT 1 FROM shipment_offices so "
      "WHERE so.office_id = ?1 AND so.shipment_id = s.id)) ORDER BY s.id LIMIT ?2");
  put(q, 1, office_id);
  q.bind(2, limit);
  std::vector<OverdueRow> out;
  while (q.executeStep()) out.push_back(overdue_row_from(q));
  return out;
}

}  // namespace tracker::store::sqlite
