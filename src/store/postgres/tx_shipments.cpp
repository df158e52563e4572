// Tx statements for shipments and the offices that handled them. A
// shipment's id names its partition (province_of, migration 003).
#include "pg_rows.hpp"
#include "pg_tx.hpp"
#include "provinces.hpp"

namespace tracker::store::postgres {
using namespace rows;
namespace {

constexpr const char* kShipmentColumns =
    "SELECT s.id, s.tracking_number, s.kind, s.status, s.route, s.office_id, s.agency_id, "
    "s.dossier_code, s.linked_id, s.procedure_code, s.procedure_name, s.citizen_name, "
    "s.citizen_phone, s.citizen_email, s.citizen_address, s.documents, s.notify_sms, "
    "s.notify_email, s.fee_vnd, s.created_at, s.created_by, s.due_at, s.cancelled_at, "
    "s.last_event_at, s.failed_attempts, s.leg_ended_at, s.receiving_office_id "
    "FROM shipments s ";

// The shipment `$n` names.
std::string by_id(int n = 1, const char* table = "s") {
  auto p = "$" + std::to_string(n) + "::bigint";
  return std::string(table) + ".province = province_of(" + p + ") AND " + table + ".id = " + p;
}

Shipment shipment_from(const Row& r) {
  Shipment s;
  s.id = r.id<ShipmentId>(0);
  s.tracking_number = r.text(1);
  s.kind = r.word<ShipmentKind>(2);
  s.status = r.word<ShipmentStatus>(3);
  s.route = r.word<domain::Route>(4);
  s.office_id = r.id<OfficeId>(5);
  s.agency_id = r.id<OfficeId>(6);
  s.dossier_code = r.opt_text(7);
  s.linked_id = r.opt_id<ShipmentId>(8);
  s.procedure_code = r.text(9);
  s.procedure_name = r.text(10);
  s.citizen_name = r.text(11);
  s.citizen_phone = r.opt_phone(12);
  s.citizen_email = r.opt_text(13);
  s.citizen_address = columns::address_from_json(r.view(14));
  s.documents = r.text(15);
  s.notify_sms = r.boolean(16);
  s.notify_email = r.boolean(17);
  s.fee_vnd = r.int64(18);
  s.created_at = r.time(19);
  s.created_by = r.opt_id<UserId>(20);
  s.due_at = r.time(21);
  s.cancelled_at = r.opt_time(22);
  s.last_event_at = r.opt_time(23);
  s.failed_attempts = r.integer(24);
  s.leg_ended_at = r.opt_time(25);
  s.receiving_office_id = r.opt_id<OfficeId>(26);
  return s;
}

}  // namespace

ShipmentId PgTx::insert_shipment(const Shipment& s) {
  static const std::string kProvince = provinces::of_office("$6");
  auto r = run(c_,
               "INSERT INTO shipments (province, id, tracking_number, kind, status, route, office_id, agency_id, "
               "dossier_code, linked_id, procedure_code, procedure_name, citizen_name, citizen_phone, "
               "citizen_email, citizen_address, documents, notify_sms, notify_email, fee_vnd, created_at, "
               "created_by, due_at, receiving_office_id) "
               "VALUES (" + kProvince + ", nextval('shipments_id_seq') * 100 + " + kProvince + "::int, "
               "$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, "
               "$22) RETURNING id",
               Params(s.tracking_number, s.kind, s.status, s.route, s.office_id, s.agency_id, s.dossier_code,
                      s.linked_id, s.procedure_code, s.procedure_name, s.citizen_name,
                      s.citizen_phone ? std::optional<std::string>(s.citizen_phone->e164()) : std::nullopt,
                      s.citizen_email, columns::address_json(s.citizen_address), s.documents, s.notify_sms,
                      s.notify_email, s.fee_vnd, s.created_at, s.created_by, s.due_at, s.receiving_office_id));
  return ShipmentId(Row(r, 0).int64(0));
}

std::optional<Shipment> PgTx::find_shipment(ShipmentId id) {
  return first(run(c_, std::string(kShipmentColumns) + "WHERE " + by_id(), Params(id)), shipment_from);
}

std::optional<Shipment> PgTx::find_shipment_by_tracking_number(const std::string& tn) {
  return first(run(c_, std::string(kShipmentColumns) + "WHERE s.tracking_number = $1", Params(tn)),
               shipment_from);
}

std::optional<Shipment> PgTx::lock_shipment_by_tracking_number(const std::string& tn) {
  return first(run(c_, std::string(kShipmentColumns) + "WHERE s.tracking_number = $1 FOR UPDATE", Params(tn)),
               shipment_from);
}

std::vector<Shipment> PgTx::find_shipments_by_dossier_code(const std::string& code) {
  return all(run(c_, std::string(kShipmentColumns) + "WHERE s.dossier_code = $1 ORDER BY s.id LIMIT 50",
                 Params(code)),
             shipment_from);
}

std::vector<Shipment> PgTx::list_shipments(const ShipmentQuery& f) {
  // One statement for every filter combination: a NULL parameter disables
  // its condition, so the statement is prepared once.
  static const std::string kHandledBy =
      "EXISTS (SELECT 1 FROM shipment_offices so WHERE so.province = s.province AND so.shipment_id = s.id "
      "AND so.office_id = ";
  auto r = run(c_,
               std::string(kShipmentColumns) +
                   "WHERE ($1::text IS NULL OR s.kind = $1) AND ($2::text IS NULL OR s.status = $2) "
                   "AND ($3::bigint IS NULL OR s.office_id = $3 OR s.agency_id = $3 OR " + kHandledBy + "$3)) "
                   "AND ($4::bigint IS NULL OR (s.due_at < $4 AND s.leg_ended_at IS NULL AND s.cancelled_at IS NULL)) "
                   "AND ($5::bigint IS NULL OR ($6::boolean AND s.agency_id = $5) OR (NOT $6 AND (s.office_id = $5 OR " +
                   kHandledBy + "$5)))) "
                   "AND ($7::bigint IS NULL OR s.id < $7) ORDER BY s.id DESC LIMIT $8",
               Params(f.kind, f.status, f.office_id, f.overdue_at, f.scope_office_id, f.scope_is_agency, f.before_id,
                      f.limit));
  return all(r, shipment_from);
}

std::vector<std::string> PgTx::linked_tracking_numbers(ShipmentId shipment_id) {
  auto r = run(c_,
               "SELECT tracking_number FROM shipments WHERE province = province_of($1::bigint) AND linked_id = $1 "
               "UNION SELECT o.tracking_number FROM shipments s JOIN shipments o ON o.province = s.province AND "
               "o.id = s.linked_id WHERE " + by_id(),
               Params(shipment_id));
  return all(r, [](const Row& row) { return row.text(0); });
}

void PgTx::update_shipment_status(ShipmentId id, ShipmentStatus status, int failed_attempts,
                                  Timestamp last_event_at) {
  run(c_, "UPDATE shipments s SET status = $2, failed_attempts = $3, last_event_at = $4 WHERE " + by_id(),
      Params(id, status, failed_attempts, last_event_at));
}

void PgTx::set_dossier_code(ShipmentId id, const std::string& code) {
  run(c_, "UPDATE shipments s SET dossier_code = $2 WHERE " + by_id(), Params(id, code));
}

void PgTx::set_linked(ShipmentId id, ShipmentId linked_id) {
  run(c_, "UPDATE shipments s SET linked_id = $2 WHERE " + by_id(), Params(id, linked_id));
}

void PgTx::cancel_shipment(ShipmentId id, Timestamp at) {
  run(c_, "UPDATE shipments s SET status = 'cancelled', cancelled_at = $2 WHERE " + by_id(), Params(id, at));
}

void PgTx::add_shipment_office(ShipmentId shipment_id, OfficeId office_id) {
  run(c_,
      "INSERT INTO shipment_offices (province, office_id, shipment_id) VALUES (province_of($2), $1, $2) "
      "ON CONFLICT DO NOTHING",
      Params(office_id, shipment_id));
}

bool PgTx::shipment_handled_by(ShipmentId shipment_id, OfficeId office_id) {
  return run(c_,
             "SELECT 1 FROM shipment_offices WHERE province = province_of($2::bigint) AND shipment_id = $2 "
             "AND office_id = $1",
             Params(office_id, shipment_id))
             .rows() > 0;
}

}  // namespace tracker::store::postgres
