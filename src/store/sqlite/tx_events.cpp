// Tx statements for events and dossier statuses (append only), their feed,
// and stored responses (Idempotency-Key replays).
#include "connection.hpp"
#include "feed_merge.hpp"
#include "rows.hpp"
#include "sqlite_tx.hpp"

namespace tracker::store::sqlite {
using namespace rows;
namespace {

constexpr const char* kEventColumns =
    "SELECT seq, shipment_id, event_id, type, office_id, occurred_at, recorded_at, recorded_by, "
    "reason, recipient, dossier_code, note, body_hash FROM events ";

Event event_from(SQLite::Statement& q) {
  Event e;
  e.seq = q.getColumn(0).getInt64();
  e.shipment_id = id<ShipmentId>(q.getColumn(1));
  e.event_id = q.getColumn(2).getString();
  e.type = word<domain::EventType>(q.getColumn(3));
  e.office_id = id<OfficeId>(q.getColumn(4));
  e.occurred_at = ts(q.getColumn(5).getInt64());
  e.recorded_at = ts(q.getColumn(6).getInt64());
  e.recorded_by = opt_id<UserId>(q.getColumn(7));
  e.reason = opt_word<domain::FailureReason>(q.getColumn(8));
  e.recipient = opt_text(q.getColumn(9));
  e.dossier_code = opt_text(q.getColumn(10));
  e.note = opt_text(q.getColumn(11));
  e.body_hash = blob(q.getColumn(12));
  return e;
}

}  // namespace

std::optional<Event> SqliteTx::find_event(ShipmentId shipment_id, const std::string& event_id) {
  auto& q = c_.statement(std::string(kEventColumns) + "WHERE shipment_id = ? AND event_id = ?");
  put(q, 1, shipment_id);
  q.bind(2, event_id);
  if (!q.executeStep()) return std::nullopt;
  return event_from(q);
}

std::int64_t SqliteTx::insert_event(const Event& e) {
  auto& q = c_.statement(
      "INSERT INTO events (shipment_id, event_id, type, office_id, occurred_at, recorded_at, "
      "recorded_by, reason, recipient, dossier_code, note, body_hash) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  put(q, 1, e.shipment_id);
  q.bind(2, e.event_id);
  put(q, 3, e.type);
  put(q, 4, e.office_id);
  put(q, 5, e.occurred_at);
  put(q, 6, e.recorded_at);
  put(q, 7, e.recorded_by);
  put(q, 8, e.reason);
  put(q, 9, e.recipient);
  put(q, 10, e.dossier_code);
  put(q, 11, e.note);
  bind_blob(q, 12, e.body_hash);
  q.exec();
  return c_.db().getLastInsertRowid();
}

std::vector<Event> SqliteTx::events_of(ShipmentId shipment_id) {
  auto& q = c_.statement(std::string(kEventColumns) +
                         "WHERE shipment_id = ? ORDER BY occurred_at, seq");
  put(q, 1, shipment_id);
  std::vector<Event> out;
  while (q.executeStep()) out.push_back(event_from(q));
  return out;
}

std::vector<domain::EventFact> SqliteTx::event_facts_of(ShipmentId shipment_id) {
  auto& q = c_.statement("SELECT seq, type, occurred_at FROM events WHERE shipment_id = ? ORDER BY seq");
  put(q, 1, shipment_id);
  std::vector<domain::EventFact> out;
  while (q.executeStep()) {
    out.push_back({word<domain::EventType>(q.getColumn(1)), ts(q.getColumn(2).getInt64()),
                   q.getColumn(0).getInt64()});
  }
  return out;
}

std::int64_t SqliteTx::count_events() {
  auto& q = c_.statement("SELECT count(*) FROM events");
  q.executeStep();
  return q.getColumn(0).getInt64();
}

std::optional<Event> SqliteTx::find_event_by_seq(std::int64_t seq) {
  auto& q = c_.statement(std::string(kEventColumns) + "WHERE seq = ?");
  put(q, 1, seq);
  if (!q.executeStep()) return std::nullopt;
  return event_from(q);
}

std::optional<StoredResponse> SqliteTx::find_stored_response(UserId user_id, const std::string& key) {
  auto& q = c_.statement(
      "SELECT request_hash, status, content_type, body FROM idempotency_keys "
      "WHERE user_id = ? AND key = ?");
  put(q, 1, user_id);
  q.bind(2, key);
  if (!q.executeStep()) return std::nullopt;
  return StoredResponse{blob(q.getColumn(0)), q.getColumn(1).getInt(), q.getColumn(2).getString(),
                        q.getColumn(3).getString()};
}

void SqliteTx::insert_stored_response(UserId user_id, const std::string& key,
                                const StoredResponse& r, Timestamp now) {
  auto& q = c_.statement(
      "INSERT INTO idempotency_keys (user_id, key, request_hash, status, content_type, body, "
      "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
  put(q, 1, user_id);
  q.bind(2, key);
  bind_blob(q, 3, r.request_hash);
  q.bind(4, r.status);
  q.bind(5, r.content_type);
  q.bind(6, r.body);
  put(q, 7, now);
  q.exec();
}

namespace {

constexpr const char* kDossierStatusColumns =
    "SELECT seq, shipment_id, event_id, status, occurred_at, recorded_at, recorded_by, note, body_hash "
    "FROM dossier_statuses ";

DossierStatus dossier_status_from(SQLite::Statement& q) {
  DossierStatus d;
  d.seq = q.getColumn(0).getInt64();
  d.shipment_id = id<ShipmentId>(q.getColumn(1));
  d.event_id = q.getColumn(2).getString();
  d.status = word<domain::AgencyStatus>(q.getColumn(3));
  d.occurred_at = ts(q.getColumn(4).getInt64());
  d.recorded_at = ts(q.getColumn(5).getInt64());
  d.recorded_by = opt_id<UserId>(q.getColumn(6));
  d.note = opt_text(q.getColumn(7));
  d.body_hash = blob(q.getColumn(8));
  return d;
}

}  // namespace

std::optional<DossierStatus> SqliteTx::find_dossier_status(ShipmentId shipment_id, const std::string& event_id) {
  auto& q = c_.statement(std::string(kDossierStatusColumns) + "WHERE shipment_id = ? AND event_id = ?");
  put(q, 1, shipment_id);
  q.bind(2, event_id);
  if (!q.executeStep()) return std::nullopt;
  return dossier_status_from(q);
}

std::optional<DossierStatus> SqliteTx::find_dossier_status_by_seq(std::int64_t seq) {
  auto& q = c_.statement(std::string(kDossierStatusColumns) + "WHERE seq = ?");
  q.bind(1, seq);
  if (!q.executeStep()) return std::nullopt;
  return dossier_status_from(q);
}

std::int64_t SqliteTx::insert_dossier_status(const DossierStatus& d) {
  auto& q = c_.statement(
      "INSERT INTO dossier_statuses (shipment_id, event_id, status, occurred_at, recorded_at, recorded_by, note, "
      "body_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  put(q, 1, d.shipment_id);
  q.bind(2, d.event_id);
  put(q, 3, d.status);
  put(q, 4, d.occurred_at);
  put(q, 5, d.recorded_at);
  put(q, 6, d.recorded_by);
  put(q, 7, d.note);
  bind_blob(q, 8, d.body_hash);
  q.exec();
  return c_.db().getLastInsertRowid();
}

std::vector<DossierStatus> SqliteTx::dossier_statuses_of(ShipmentId shipment_id) {
  auto& q = c_.statement(std::string(kDossierStatusColumns) + "WHERE shipment_id = ? ORDER BY occurred_at, seq");
  put(q, 1, shipment_id);
  std::vector<DossierStatus> out;
  while (q.executeStep()) out.push_back(dossier_status_from(q));
  return out;
}

namespace {

// The scope and filter of both streams' statements (?3 agency, ?4 types as
// ",a,b,", ?5 scope office, ?6 scope is an agency) on the stream's word column.
std::string feed_filter(std::string_view word) {
  return "AND (?3 IS NULL OR s.agency_id = ?3) AND (?4 = '' OR instr(?4, ',' || " + std::string(word) +
         " || ',') > 0) "
         "AND (?5 IS NULL OR (?6 = 1 AND s.agency_id = ?5) OR (?6 = 0 AND (s.office_id = ?5 OR "
         "  EXISTS (SELECT 1 FROM shipment_offices so WHERE so.office_id = ?5 AND so.shipment_id = s.id)))) ";
}

feed::Stream read_stream(Connection& c, const FeedQuery& f, const std::string& top_sql, const std::string& rows_sql,
                       std::int64_t after) {
  auto& top = c.statement(top_sql);
  std::int64_t last = top.executeStep() ? top.getColumn(0).getInt64() : 0;
  feed::Stream out;
  out.end = feed::window_end(f, after, last);
  auto& q = c.statement(rows_sql);
  put(q, 1, after);
  put(q, 2, out.end);
  put(q, 3, f.agency_id);
  q.bind(4, f.types);
  put(q, 5, f.scope_office_id);
  q.bind(6, f.scope_is_agency ? 1 : 0);
  q.bind(7, f.limit);
  while (q.executeStep()) {
    FeedRow r;
    r.seq = q.getColumn(0).getInt64();
    r.event_id = q.getColumn(1).getString();
    r.tracking_number = q.getColumn(2).getString();
    r.dossier_code = opt_text(q.getColumn(3));
    r.agency_code = q.getColumn(4).getString();
    r.type = trigger_word(q.getColumn(5));
    r.office_code = q.getColumn(6).getString();
    r.occurred_at = ts(q.getColumn(7).getInt64());
    r.recorded_at = ts(q.getColumn(8).getInt64());
    out.rows.push_back(std::move(r));
  }
  out.full = static_cast<int>(out.rows.size()) == f.limit;
  return out;
}

}  // namespace

FeedPage SqliteTx::feed(const FeedQuery& f) {
  auto events = read_stream(
      c_, f, "SELECT COALESCE(MAX(seq), 0) FROM events",
      "SELECT e.seq, e.event_id, s.tracking_number, s.dossier_code, a.code, e.type, o.code, e.occurred_at, "
      "e.recorded_at FROM events e JOIN shipments s ON s.id = e.shipment_id "
      "JOIN offices a ON a.id = s.agency_id JOIN offices o ON o.id = e.office_id "
      "WHERE e.seq > ?1 AND e.seq <= ?2 " + feed_filter("e.type") + "ORDER BY e.seq LIMIT ?7",
      f.after.event_seq);
  auto statuses = read_stream(
      c_, f, "SELECT COALESCE(MAX(seq), 0) FROM dossier_statuses",
      "SELECT d.seq, d.event_id, s.tracking_number, s.dossier_code, a.code, d.status, a.code, d.occurred_at, "
      "d.recorded_at FROM dossier_statuses d JOIN shipments s ON s.id = d.shipment_id "
      "JOIN offices a ON a.id = s.agency_id "
      "WHERE d.seq > ?1 AND d.seq <= ?2 " + feed_filter("d.status") + "ORDER BY d.seq LIMIT ?7",
      f.after.status_seq);

  return feed::merge(f, std::move(events), std::move(statuses));
}

}  // namespace tracker::store::sqlite
