// Tx statements for events and dossier statuses (append only: the service's
// role may not change them), their feed, and stored responses
// (Idempotency-Key replays).
#include "feed_merge.hpp"
#include "pg_rows.hpp"
#include "pg_tx.hpp"

namespace tracker::store::postgres {
using namespace rows;
namespace {

constexpr const char* kEventColumns =
    "SELECT seq, shipment_id, event_id, type, office_id, occurred_at, recorded_at, recorded_by, "
    "reason, recipient, dossier_code, note, body_hash FROM events ";

Event event_from(const Row& r) {
  Event e;
  e.seq = r.int64(0);
  e.shipment_id = r.id<ShipmentId>(1);
  e.event_id = r.text(2);
  e.type = r.word<domain::EventType>(3);
  e.office_id = r.id<OfficeId>(4);
  e.occurred_at = r.time(5);
  e.recorded_at = r.time(6);
  e.recorded_by = r.opt_id<UserId>(7);
  e.reason = r.opt_word<domain::FailureReason>(8);
  e.recipient = r.opt_text(9);
  e.dossier_code = r.opt_text(10);
  e.note = r.opt_text(11);
  e.body_hash = r.bytes(12);
  return e;
}

constexpr const char* kDossierStatusColumns =
    "SELECT seq, shipment_id, event_id, status, occurred_at, recorded_at, recorded_by, note, body_hash "
    "FROM dossier_statuses ";

DossierStatus dossier_status_from(const Row& r) {
  DossierStatus d;
  d.seq = r.int64(0);
  d.shipment_id = r.id<ShipmentId>(1);
  d.event_id = r.text(2);
  d.status = r.word<domain::AgencyStatus>(3);
  d.occurred_at = r.time(4);
  d.recorded_at = r.time(5);
  d.recorded_by = r.opt_id<UserId>(6);
  d.note = r.opt_text(7);
  d.body_hash = r.bytes(8);
  return d;
}

// The rows of the shipment `$1` names.
constexpr const char* kOfShipment = "WHERE province = province_of($1::bigint) AND shipment_id = $1 ";

}  // namespace

std::optional<Event> PgTx::find_event(ShipmentId shipment_id, const std::string& event_id) {
  return first(run(c_, std::string(kEventColumns) + kOfShipment + "AND event_id = $2", Params(shipment_id, event_id)),
               event_from);
}

std::int64_t PgTx::insert_event(const Event& e) {
  // The end of the shipment's leg (SQLite keeps it with a trigger; here the
  // statement does, in the same transaction): the first delivery, or for a
  // result the first attempt; a late scan with an earlier time moves it back.
  auto r = run(c_,
               "WITH e AS (INSERT INTO events (province, shipment_id, event_id, type, office_id, occurred_at, "
               "recorded_at, recorded_by, reason, recipient, dossier_code, note, body_hash) "
               "VALUES (province_of($1), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING seq), "
               "leg AS (UPDATE shipments s SET leg_ended_at = $5 "
               "WHERE s.province = province_of($1) AND s.id = $1 AND $3 IN ('delivered', 'delivery_failed') "
               "AND ($3 = 'delivered' OR s.kind = 'result') AND (s.leg_ended_at IS NULL OR s.leg_ended_at > $5)) "
               "SELECT seq FROM e",
               Params(e.shipment_id, e.event_id, e.type, e.office_id, e.occurred_at, e.recorded_at, e.recorded_by,
                      e.reason, e.recipient, e.dossier_code, e.note)
                   .bytes(e.body_hash));
  return Row(r, 0).int64(0);
}

std::vector<Event> PgTx::events_of(ShipmentId shipment_id) {
  return all(run(c_, std::string(kEventColumns) + kOfShipment + "ORDER BY occurred_at, seq", Params(shipment_id)),
             event_from);
}

std::vector<domain::EventFact> PgTx::event_facts_of(ShipmentId shipment_id) {
  auto r = run(c_, std::string("SELECT seq, type, occurred_at FROM events ") + kOfShipment + "ORDER BY seq",
               Params(shipment_id));
  return all(r, [](const Row& row) {
    return domain::EventFact{row.word<domain::EventType>(1), row.time(2), row.int64(0)};
  });
}

std::int64_t PgTx::count_events() { return Row(run(c_, "SELECT count(*) FROM events"), 0).int64(0); }

std::optional<Event> PgTx::find_event_by_seq(std::int64_t seq) {
  return first(run(c_, std::string(kEventColumns) + "WHERE seq = $1", Params(seq)), event_from);
}

std::optional<StoredResponse> PgTx::find_stored_response(UserId user_id, const std::string& key) {
  auto r = run(c_,
               "SELECT request_hash, status, content_type, body FROM idempotency_keys WHERE user_id = $1 AND key = $2",
               Params(user_id, key));
  return first(r, [](const Row& row) {
    return StoredResponse{row.bytes(0), row.integer(1), row.text(2), row.text(3)};
  });
}

void PgTx::insert_stored_response(UserId user_id, const std::string& key, const StoredResponse& r, Timestamp now) {
  // Another instance may have stored the same key's answer a moment before:
  // the first one stays (the replay check reads it on the next request).
  run(c_,
      "INSERT INTO idempotency_keys (user_id, key, request_hash, status, content_type, body, created_at) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (user_id, key) DO NOTHING",
      Params(user_id, key).bytes(r.request_hash).add(r.status).add(r.content_type).add(r.body).add(now));
}

std::optional<DossierStatus> PgTx::find_dossier_status(ShipmentId shipment_id, const std::string& event_id) {
  return first(run(c_, std::string(kDossierStatusColumns) + kOfShipment + "AND event_id = $2",
                   Params(shipment_id, event_id)),
               dossier_status_from);
}

std::optional<DossierStatus> PgTx::find_dossier_status_by_seq(std::int64_t seq) {
  return first(run(c_, std::string(kDossierStatusColumns) + "WHERE seq = $1", Params(seq)), dossier_status_from);
}

std::int64_t PgTx::insert_dossier_status(const DossierStatus& d) {
  auto r = run(c_,
               "INSERT INTO dossier_statuses (province, shipment_id, event_id, status, occurred_at, recorded_at, "
               "recorded_by, note, body_hash) VALUES (province_of($1), $1, $2, $3, $4, $5, $6, $7, $8) RETURNING seq",
               Params(d.shipment_id, d.event_id, d.status, d.occurred_at, d.recorded_at, d.recorded_by, d.note)
                   .bytes(d.body_hash));
  return Row(r, 0).int64(0);
}

std::vector<DossierStatus> PgTx::dossier_statuses_of(ShipmentId shipment_id) {
  return all(run(c_, std::string(kDossierStatusColumns) + kOfShipment + "ORDER BY occurred_at, seq",
                 Params(shipment_id)),
             dossier_status_from);
}

namespace {

// The scope and filter of both streams' statements ($3 agency, $4 types as
// ",a,b,", $5 scope office, $6 scope is an agency) on the stream's word column.
std::string feed_filter(std::string_view word) {
  return "AND ($3::bigint IS NULL OR s.agency_id = $3) AND ($4::text = '' OR strpos($4, ',' || " +
         std::string(word) + " || ',') > 0) "
         "AND ($5::bigint IS NULL OR ($6::boolean AND s.agency_id = $5) OR (NOT $6 AND (s.office_id = $5 OR "
         "  EXISTS (SELECT 1 FROM shipment_offices so WHERE so.province = s.province AND so.shipment_id = s.id "
         "AND so.office_id = $5)))) ";
}

feed::Stream read_stream(PgConnection& c, const FeedQuery& f, const std::string& top_sql, const std::string& rows_sql,
                         std::int64_t after) {
  std::int64_t last = Row(run(c, top_sql), 0).int64(0);
  feed::Stream out;
  out.end = feed::window_end(f, after, last);
  auto r = run(c, rows_sql,
               Params(after, out.end, f.agency_id, f.types, f.scope_office_id, f.scope_is_agency, f.limit));
  out.rows = all(r, [](const Row& row) {
    FeedRow fr;
    fr.seq = row.int64(0);
    fr.event_id = row.text(1);
    fr.tracking_number = row.text(2);
    fr.dossier_code = row.opt_text(3);
    fr.agency_code = row.text(4);
    fr.type = row.trigger(5);
    fr.office_code = row.text(6);
    fr.occurred_at = row.time(7);
    fr.recorded_at = row.time(8);
    return fr;
  });
  out.full = static_cast<int>(out.rows.size()) == f.limit;
  return out;
}

}  // namespace

FeedPage PgTx::feed(const FeedQuery& f) {
  auto events = read_stream(
      c_, f, "SELECT COALESCE(MAX(seq), 0) FROM events",
      "SELECT e.seq, e.event_id, s.tracking_number, s.dossier_code, a.code, e.type, o.code, e.occurred_at, "
      "e.recorded_at FROM events e JOIN shipments s ON s.province = e.province AND s.id = e.shipment_id "
      "JOIN offices a ON a.id = s.agency_id JOIN offices o ON o.id = e.office_id "
      "WHERE e.seq > $1 AND e.seq <= $2 " + feed_filter("e.type") + "ORDER BY e.seq LIMIT $7",
      f.after.event_seq);
  auto statuses = read_stream(
      c_, f, "SELECT COALESCE(MAX(seq), 0) FROM dossier_statuses",
      "SELECT d.seq, d.event_id, s.tracking_number, s.dossier_code, a.code, d.status, a.code, d.occurred_at, "
      "d.recorded_at FROM dossier_statuses d JOIN shipments s ON s.province = d.province AND s.id = d.shipment_id "
      "JOIN offices a ON a.id = s.agency_id "
      "WHERE d.seq > $1 AND d.seq <= $2 " + feed_filter("d.status") + "ORDER BY d.seq LIMIT $7",
      f.after.status_seq);
  return feed::merge(f, std::move(events), std::move(statuses));
}

}  // namespace tracker::store::postgres
