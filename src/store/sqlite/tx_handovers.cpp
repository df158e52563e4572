// Tx statements for handover lists.
#include "connection.hpp"
#include "rows.hpp"
#include "sqlite_tx.hpp"

namespace tracker::store::sqlite {
using namespace rows;
namespace {

Handover handover_from(SQLite::Statement& q) {
  Handover h;
  h.id = id<HandoverId>(q.getColumn(0));
  h.code = q.getColumn(1).getString();
  h.from_office_id = id<OfficeId>(q.getColumn(2));
  h.to_office_id = id<OfficeId>(q.getColumn(3));
  h.direction = word<HandoverDirection>(q.getColumn(4));
  h.status = word<HandoverStatus>(q.getColumn(5));
  h.created_at = ts(q.getColumn(6).getInt64());
  h.created_by = opt_id<UserId>(q.getColumn(7));
  h.confirmed_at = opt_ts(q.getColumn(8));
  h.confirmed_by = opt_id<UserId>(q.getColumn(9));
  h.received_by = opt_text(q.getColumn(10));
  h.voided_at = opt_ts(q.getColumn(11));
  h.voided_by = opt_id<UserId>(q.getColumn(12));
  h.void_reason = opt_text(q.getColumn(13));
  return h;
}

}  // namespace

HandoverId SqliteTx::insert_handover(const Handover& h) {
  auto& q = c_.statement(
      "INSERT INTO handovers (code, from_office_id, to_office_id, direction, status, created_at, created_by) "
      "VALUES (?, ?, ?, ?, 'open', ?, ?)");
  q.bind(1, h.code);
  put(q, 2, h.from_office_id);
  put(q, 3, h.to_office_id);
  put(q, 4, h.direction);
  put(q, 5, h.created_at);
  put(q, 6, h.created_by);
  q.exec();
  return HandoverId(c_.db().getLastInsertRowid());
}

std::optional<Handover> SqliteTx::lock_handover(HandoverId id) { return find_handover(id); }

std::optional<Handover> SqliteTx::find_handover(HandoverId id) {
  auto& q = c_.statement(
      "SELECT id, code, from_office_id, to_office_id, direction, status, created_at, created_by, confirmed_at, "
      "confirmed_by, received_by, voided_at, voided_by, void_reason FROM handovers WHERE id = ?");
  put(q, 1, id);
  if (!q.executeStep()) return std::nullopt;
  return handover_from(q);
}

int SqliteTx::take_handover_number(OfficeId office_id, const std::string& day) {
  auto& q = c_.statement(
      "INSERT INTO handover_counters (office_id, day, last) VALUES (?, ?, 1) "
      "ON CONFLICT (office_id, day) DO UPDATE SET last = last + 1 RETURNING last");
  put(q, 1, office_id);
  q.bind(2, day);
  q.executeStep();
  return q.getColumn(0).getInt();
}

std::vector<HandoverItem> SqliteTx::handover_items(HandoverId handover_id) {
  auto& q = c_.statement(
      "SELECT i.shipment_id, s.tracking_number, s.kind, s.status, s.dossier_code, i.position, i.listed, "
      "i.received FROM handover_items i JOIN shipments s ON s.id = i.shipment_id "
      "WHERE i.handover_id = ? ORDER BY i.position");
  put(q, 1, handover_id);
  std::vector<HandoverItem> out;
  while (q.executeStep()) {
    HandoverItem item;
    item.shipment_id = id<ShipmentId>(q.getColumn(0));
    item.tracking_number = q.getColumn(1).getString();
    item.kind = word<ShipmentKind>(q.getColumn(2));
    item.status = word<ShipmentStatus>(q.getColumn(3));
    item.dossier_code = opt_text(q.getColumn(4));
    item.position = q.getColumn(5).getInt();
    item.listed = q.getColumn(6).getInt() != 0;
    if (!q.getColumn(7).isNull()) item.received = q.getColumn(7).getInt() != 0;
    out.push_back(std::move(item));
  }
  return out;
}

void SqliteTx::insert_handover_item(HandoverId handover_id, ShipmentId shipment_id, int position, bool listed) {
  auto& q = c_.statement(
      "INSERT INTO handover_items (handover_id, shipment_id, position, listed) VALUES (?, ?, ?, ?)");
  put(q, 1, handover_id);
  put(q, 2, shipment_id);
  q.bind(3, position);
  q.bind(4, listed ? 1 : 0);
  q.exec();
}

void SqliteTx::set_handover_item_received(HandoverId handover_id, ShipmentId shipment_id, bool received) {
  auto& q = c_.statement("UPDATE handover_items SET received = ? WHERE handover_id = ? AND shipment_id = ?");
  q.bind(1, received ? 1 : 0);
  put(q, 2, handover_id);
  put(q, 3, shipment_id);
  q.exec();
}

void SqliteTx::confirm_handover(HandoverId id, Timestamp at, UserId by, const std::string& received_by) {
  auto& q = c_.statement(
      "UPDATE handovers SET status = 'confirmed', confirmed_at = ?, confirmed_by = ?, received_by = ? "
      "WHERE id = ? AND status = 'open'");
  put(q, 1, at);
  put(q, 2, by);
  q.bind(3, received_by);
  put(q, 4, id);
  q.exec();
}

void SqliteTx::void_handover(HandoverId id, Timestamp at, UserId by, const std::string& reason) {
  auto& q = c_.statement(
      "UPDATE handovers SET status = 'voided', voided_at = ?, voided_by = ?, void_reason = ? "
      "WHERE id = ? AND status = 'open'");
  put(q, 1, at);
  put(q, 2, by);
  q.bind(3, reason);
  put(q, 4, id);
  q.exec();
}

std::optional<std::string> SqliteTx::open_handover_of(ShipmentId shipment_id) {
  auto& q = c_.statement(
      "SELECT h.code FROM handover_items i JOIN handovers h ON h.id = i.handover_id "
      "WHERE i.shipment_id = ? AND h.status = 'open' LIMIT 1");
  put(q, 1, shipment_id);
  if (!q.executeStep()) return std::nullopt;
  return q.getColumn(0).getString();
}

}  // namespace tracker::store::sqlite
