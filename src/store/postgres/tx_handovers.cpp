// Tx statements for handover lists. A list's id names its partition
// (province_of, migration 003): the province of the list's agency.
#include "pg_rows.hpp"
#include "pg_tx.hpp"
#include "provinces.hpp"

namespace tracker::store::postgres {
using namespace rows;
namespace {

constexpr const char* kById = "province = province_of($1::bigint) AND id = $1";

Handover handover_from(const Row& r) {
  Handover h;
  h.id = r.id<HandoverId>(0);
  h.code = r.text(1);
  h.from_office_id = r.id<OfficeId>(2);
  h.to_office_id = r.id<OfficeId>(3);
  h.direction = r.word<HandoverDirection>(4);
  h.status = r.word<HandoverStatus>(5);
  h.created_at = r.time(6);
  h.created_by = r.opt_id<UserId>(7);
  h.confirmed_at = r.opt_time(8);
  h.confirmed_by = r.opt_id<UserId>(9);
  h.received_by = r.opt_text(10);
  h.voided_at = r.opt_time(11);
  h.voided_by = r.opt_id<UserId>(12);
  h.void_reason = r.opt_text(13);
  return h;
}

}  // namespace

HandoverId PgTx::insert_handover(const Handover& h) {
  // The agency is the receiving end of a dossiers list and the sending end
  // of a results list.
  static const std::string kProvince =
      "WITH p AS (SELECT " +
      provinces::of_office("(CASE WHEN $4 = 'dossiers_to_agency' THEN $3::bigint ELSE $2::bigint END)") +
      " AS province) ";
  auto r = run(c_,
               kProvince +
                   "INSERT INTO handovers (province, id, code, from_office_id, to_office_id, direction, status, "
               "created_at, created_by) SELECT p.province, nextval('handovers_id_seq') * 100 + p.province::int, "
               "$1, $2, $3, $4, 'open', $5::bigint, $6::bigint FROM p RETURNING id",
               Params(h.code, h.from_office_id, h.to_office_id, h.direction, h.created_at, h.created_by));
  return HandoverId(Row(r, 0).int64(0));
}

namespace {
constexpr const char* kHandoverColumns =
    "SELECT id, code, from_office_id, to_office_id, direction, status, created_at, created_by, confirmed_at, "
    "confirmed_by, received_by, voided_at, voided_by, void_reason FROM handovers WHERE ";
}  // namespace

std::optional<Handover> PgTx::find_handover(HandoverId id) {
  return first(run(c_, std::string(kHandoverColumns) + kById, Params(id)), handover_from);
}

std::optional<Handover> PgTx::lock_handover(HandoverId id) {
  return first(run(c_, std::string(kHandoverColumns) + kById + " FOR UPDATE", Params(id)), handover_from);
}

int PgTx::take_handover_number(OfficeId office_id, const std::string& day) {
  auto r = run(c_,
               "INSERT INTO handover_counters (office_id, day, last) VALUES ($1, $2, 1) "
               "ON CONFLICT (office_id, day) DO UPDATE SET last = handover_counters.last + 1 RETURNING last",
               Params(office_id, day));
  return Row(r, 0).integer(0);
}

std::vector<HandoverItem> PgTx::handover_items(HandoverId handover_id) {
  auto r = run(c_,
               "SELECT i.shipment_id, s.tracking_number, s.kind, s.status, s.dossier_code, i.position, i.listed, "
               "i.received FROM handover_items i JOIN shipments s ON s.province = i.province AND s.id = i.shipment_id "
               "WHERE i.province = province_of($1::bigint) AND i.handover_id = $1 ORDER BY i.position",
               Params(handover_id));
  return all(r, [](const Row& row) {
    HandoverItem item;
    item.shipment_id = row.id<ShipmentId>(0);
    item.tracking_number = row.text(1);
    item.kind = row.word<ShipmentKind>(2);
    item.status = row.word<ShipmentStatus>(3);
    item.dossier_code = row.opt_text(4);
    item.position = row.integer(5);
    item.listed = row.boolean(6);
    if (!row.null(7)) item.received = row.boolean(7);
    return item;
  });
}

void PgTx::insert_handover_item(HandoverId handover_id, ShipmentId shipment_id, int position, bool listed) {
  run(c_,
      "INSERT INTO handover_items (province, handover_id, shipment_id, position, listed) "
      "VALUES (province_of($1), $1, $2, $3, $4)",
      Params(handover_id, shipment_id, position, listed));
}

void PgTx::set_handover_item_received(HandoverId handover_id, ShipmentId shipment_id, bool received) {
  run(c_,
      "UPDATE handover_items SET received = $3 WHERE province = province_of($1::bigint) AND handover_id = $1 "
      "AND shipment_id = $2",
      Params(handover_id, shipment_id, received));
}

void PgTx::confirm_handover(HandoverId id, Timestamp at, UserId by, const std::string& received_by) {
  run(c_,
      std::string("UPDATE handovers SET status = 'confirmed', confirmed_at = $2, confirmed_by = $3, received_by = $4 "
                  "WHERE ") + kById + " AND status = 'open'",
      Params(id, at, by, received_by));
}

void PgTx::void_handover(HandoverId id, Timestamp at, UserId by, const std::string& reason) {
  run(c_,
      std::string("UPDATE handovers SET status = 'voided', voided_at = $2, voided_by = $3, void_reason = $4 WHERE ") +
          kById + " AND status = 'open'",
      Params(id, at, by, reason));
}

std::optional<std::string> PgTx::open_handover_of(ShipmentId shipment_id) {
  auto r = run(c_,
               "SELECT h.code FROM handover_items i JOIN handovers h ON h.province = i.province AND h.id = i.handover_id "
               "WHERE i.province = province_of($1::bigint) AND i.shipment_id = $1 AND h.status = 'open' LIMIT 1",
               Params(shipment_id));
  return first(r, [](const Row& row) { return row.text(0); });
}

}  // namespace tracker::store::postgres
