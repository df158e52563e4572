// Tx statements for shipments and the offices that handled them.
#include "connection.hpp"
#include "rows.hpp"
#include "sqlite_tx.hpp"

namespace tracker::store::sqlite {
using namespace rows;
namespace {

constexpr const char* kShipmentColumns =
    "SELECT s.id, s.tracking_number, s.kind, s.status, s.route, s.office_id, s.agency_id, "
    "s.dossier_code, s.linked_id, s.procedure_code, s.procedure_name, s.citizen_name, "
    "s.citizen_phone, s.citizen_email, s.citizen_address, s.documents, s.notify_sms, "
    "s.notify_email, s.fee_vnd, s.created_at, s.created_by, s.due_at, s.cancelled_at, "
    "s.last_event_at, s.failed_attempts, s.leg_ended_at, s.receiving_office_id "
    "FROM shipments s ";

Shipment shipment_from(SQLite::Statement& q) {
  Shipment s;
  s.id = id<ShipmentId>(q.getColumn(0));
  s.tracking_number = q.getColumn(1).getString();
  s.kind = word<ShipmentKind>(q.getColumn(2));
  s.status = word<ShipmentStatus>(q.getColumn(3));
  s.route = word<domain::Route>(q.getColumn(4));
  s.office_id = id<OfficeId>(q.getColumn(5));
  s.agency_id = id<OfficeId>(q.getColumn(6));
  s.dossier_code = opt_text(q.getColumn(7));
  s.linked_id = opt_id<ShipmentId>(q.getColumn(8));
  s.procedure_code = q.getColumn(9).getString();
  s.procedure_name = q.getColumn(10).getString();
  s.citizen_name = q.getColumn(11).getString();
  s.citizen_phone = opt_phone(q.getColumn(12));
  s.citizen_email = opt_text(q.getColumn(13));
  s.citizen_address = address_from_json(q.getColumn(14).getString());
  s.documents = q.getColumn(15).getString();
  s.notify_sms = q.getColumn(16).getInt() != 0;
  s.notify_email = q.getColumn(17).getInt() != 0;
  s.fee_vnd = q.getColumn(18).getInt64();
  s.created_at = ts(q.getColumn(19).getInt64());
  s.created_by = opt_id<UserId>(q.getColumn(20));
  s.due_at = ts(q.getColumn(21).getInt64());
  s.cancelled_at = opt_ts(q.getColumn(22));
  s.last_event_at = opt_ts(q.getColumn(23));
  s.failed_attempts = q.getColumn(24).getInt();
  s.leg_ended_at = opt_ts(q.getColumn(25));
  s.receiving_office_id = opt_id<OfficeId>(q.getColumn(26));
  return s;
}

}  // namespace

ShipmentId SqliteTx::insert_shipment(const Shipment& s) {
  auto& q = c_.statement(
      "INSERT INTO shipments (tracking_number, kind, status, route, office_id, agency_id, "
      "dossier_code, linked_id, procedure_code, procedure_name, citizen_name, citizen_phone, "
      "citizen_email, citizen_address, documents, notify_sms, notify_email, fee_vnd, created_at, "
      "created_by, due_at, receiving_office_id) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  q.bind(1, s.tracking_number);
  put(q, 2, s.kind);
  put(q, 3, s.status);
  put(q, 4, s.route);
  put(q, 5, s.office_id);
  put(q, 6, s.agency_id);
  put(q, 7, s.dossier_code);
  put(q, 8, s.linked_id);
  q.bind(9, s.procedure_code);
  q.bind(10, s.procedure_name);
  q.bind(11, s.citizen_name);
  put(q, 12, s.citizen_phone ? std::optional<std::string>(s.citizen_phone->e164()) : std::nullopt);
  put(q, 13, s.citizen_email);
  q.bind(14, address_json(s.citizen_address));
  q.bind(15, s.documents);
  q.bind(16, s.notify_sms ? 1 : 0);
  q.bind(17, s.notify_email ? 1 : 0);
  put(q, 18, s.fee_vnd);
  put(q, 19, s.created_at);
  put(q, 20, s.created_by);
  put(q, 21, s.due_at);
  put(q, 22, s.receiving_office_id);
  q.exec();
  return ShipmentId(c_.db().getLastInsertRowid());
}

std::optional<Shipment> SqliteTx::find_shipment(ShipmentId id) {
  auto& q = c_.statement(std::string(kShipmentColumns) + "WHERE s.id = ?");
  put(q, 1, id);
  if (!q.executeStep()) return std::nullopt;
  return shipment_from(q);
}

std::optional<Shipment> SqliteTx::find_shipment_by_tracking_number(const std::string& tn) {
  auto& q = c_.statement(std::string(kShipmentColumns) + "WHERE s.tracking_number = ?");
  q.bind(1, tn);
  if (!q.executeStep()) return std::nullopt;
  return shipment_from(q);
}

std::vector<Shipment> SqliteTx::find_shipments_by_dossier_code(const std::string& code) {
  auto& q = c_.statement(std::string(kShipmentColumns) +
                         "WHERE s.dossier_code = ? ORDER BY s.id LIMIT 50");
  q.bind(1, code);
  std::vector<Shipment> out;
  while (q.executeStep()) out.push_back(shipment_from(q));
  return out;
}

std::vector<Shipment> SqliteTx::list_shipments(const ShipmentQuery& f) {
  // One statement for every filter combination: a NULL parameter disables
  // its condition, so the statement is prepared once and cached.
  auto& q = c_.statement(
      std::string(kShipmentColumns) +
      "WHERE (?1 IS NULL OR s.kind = ?1) AND (?2 IS NULL OR s.status = ?2) "
      "AND (?3 IS NULL OR s.office_id = ?3 OR s.agency_id = ?3 OR EXISTS "
      "  (SELECT 1 FROM shipment_offices so WHERE so.office_id = ?3 AND so.shipment_id = s.id)) "
      "AND (?4 IS NULL OR (s.due_at < ?4 AND s.leg_ended_at IS NULL AND s.cancelled_at IS NULL)) "
      "AND (?5 IS NULL OR (?6 = 1 AND s.agency_id = ?5) OR (?6 = 0 AND (s.office_id = ?5 OR "
      "  EXISTS (SELECT 1 FROM shipment_offices so WHERE so.office_id = ?5 AND so.shipment_id = s.id)))) "
      "AND (?7 IS NULL OR s.id < ?7) ORDER BY s.id DESC LIMIT ?8");
  put(q, 1, f.kind);
  put(q, 2, f.status);
  put(q, 3, f.office_id);
  put(q, 4, f.overdue_at);
  put(q, 5, f.scope_office_id);
  q.bind(6, f.scope_is_agency ? 1 : 0);
  put(q, 7, f.before_id);
  q.bind(8, f.limit);
  std::vector<Shipment> out;
  while (q.executeStep()) out.push_back(shipment_from(q));
  return out;
}

std::vector<std::string> SqliteTx::linked_tracking_numbers(ShipmentId shipment_id) {
  auto& q = c_.statement(
      "SELECT tracking_number FROM shipments WHERE linked_id = ?1 "
      "UNION SELECT o.tracking_number FROM shipments s JOIN shipments o ON o.id = s.linked_id "
      "WHERE s.id = ?1");
  put(q, 1, shipment_id);
  std::vector<std::string> out;
  while (q.executeStep()) out.push_back(q.getColumn(0).getString());
  return out;
}

void SqliteTx::update_shipment_status(ShipmentId id, ShipmentStatus status, int failed_attempts,
                                Timestamp last_event_at) {
  auto& q = c_.statement(
      "UPDATE shipments SET status = ?, failed_attempts = ?, last_event_at = ? WHERE id = ?");
  put(q, 1, status);
  q.bind(2, failed_attempts);
  put(q, 3, last_event_at);
  put(q, 4, id);
  q.exec();
}

void SqliteTx::set_dossier_code(ShipmentId id, const std::string& code) {
  auto& q = c_.statement("UPDATE shipments SET dossier_code = ? WHERE id = ?");
  q.bind(1, code);
  put(q, 2, id);
  q.exec();
}

void SqliteTx::set_linked(ShipmentId id, ShipmentId linked_id) {
  auto& q = c_.statement("UPDATE shipments SET linked_id = ? WHERE id = ?");
  put(q, 1, linked_id);
  put(q, 2, id);
  q.exec();
}

void SqliteTx::cancel_shipment(ShipmentId id, Timestamp at) {
  auto& q = c_.statement(
      "UPDATE shipments SET status = 'cancelled', cancelled_at = ? WHERE id = ?");
  put(q, 1, at);
  put(q, 2, id);
  q.exec();
}

void SqliteTx::add_shipment_office(ShipmentId shipment_id, OfficeId office_id) {
  auto& q = c_.statement(
      "INSERT INTO shipment_offices (office_id, shipment_id) VALUES (?, ?) ON CONFLICT DO NOTHING");
  put(q, 1, office_id);
  put(q, 2, shipment_id);
  q.exec();
}

bool SqliteTx::shipment_handled_by(ShipmentId shipment_id, OfficeId office_id) {
  auto& q = c_.statement(
      "SELECT 1 FROM shipment_offices WHERE office_id = ? AND shipment_id = ?");
  put(q, 1, office_id);
  put(q, 2, shipment_id);
  return q.executeStep();
}

}  // namespace tracker::store::sqlite
