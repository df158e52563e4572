// Tx statements for events (append only) and their feed, the outbox and
// stored responses.
#include <algorithm>

#include "connection.hpp"
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

constexpr const char* kOutboxColumns =
    "SELECT id, shipment_id, event_seq, channel, recipient, trigger, delivery_id, state, attempts, "
    "next_attempt_at, last_error, created_at, webhook_id, sent_at, status_seq, claimed_until FROM outbox ";

OutboxMessage outbox_from(SQLite::Statement& q) {
  OutboxMessage m;
  m.id = id<MessageId>(q.getColumn(0));
  m.shipment_id = id<ShipmentId>(q.getColumn(1));
  m.event_seq = opt_int(q.getColumn(2));
  m.channel = word<Channel>(q.getColumn(3));
  m.recipient = q.getColumn(4).getString();
  m.trigger = trigger_word(q.getColumn(5));
  m.delivery_id = q.getColumn(6).getString();
  m.state = word<MessageState>(q.getColumn(7));
  m.attempts = q.getColumn(8).getInt();
  m.next_attempt_at = ts(q.getColumn(9).getInt64());
  m.last_error = opt_text(q.getColumn(10));
  m.created_at = ts(q.getColumn(11).getInt64());
  m.webhook_id = opt_id<WebhookId>(q.getColumn(12));
  m.sent_at = opt_ts(q.getColumn(13));
  m.status_seq = opt_int(q.getColumn(14));
  m.claimed_until = opt_ts(q.getColumn(15));
  return m;
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

void SqliteTx::insert_outbox(const OutboxMessage& m) {
  auto& q = c_.statement(
      "INSERT INTO outbox (shipment_id, event_seq, channel, recipient, trigger, delivery_id, state, "
      "attempts, next_attempt_at, created_at, webhook_id, status_seq) "
      "VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?, ?)");
  put(q, 1, m.shipment_id);
  put(q, 2, m.event_seq);
  put(q, 3, m.channel);
  q.bind(4, m.recipient);
  put(q, 5, m.trigger);
  q.bind(6, m.delivery_id);
  put(q, 7, m.next_attempt_at);
  put(q, 8, m.created_at);
  put(q, 9, m.webhook_id);
  put(q, 10, m.status_seq);
  q.exec();
}

std::vector<OutboxMessage> SqliteTx::outbox_of(ShipmentId shipment_id) {
  auto& q = c_.statement(std::string(kOutboxColumns) +
                         "WHERE shipment_id = ? AND channel IN ('sms', 'email') ORDER BY id");
  put(q, 1, shipment_id);
  std::vector<OutboxMessage> out;
  while (q.executeStep()) out.push_back(outbox_from(q));
  return out;
}

std::vector<OutboxCount> SqliteTx::outbox_counts() {
  auto& q = c_.statement(
      "SELECT channel, state, count(*) FROM outbox GROUP BY channel, state ORDER BY 1, 2");
  std::vector<OutboxCount> out;
  while (q.executeStep()) {
    out.push_back({word<Channel>(q.getColumn(0)), word<MessageState>(q.getColumn(1)), q.getColumn(2).getInt64()});
  }
  return out;
}

OperationalFigures SqliteTx::operational_figures(Timestamp now) {
  OperationalFigures f;
  f.outbox = outbox_counts();
  // The oldest of each waiting state by id (outbox_by_state), then its age.
  auto& oldest = c_.statement(
      "SELECT min(created_at) FROM outbox WHERE id IN ("
      "SELECT min(id) FROM outbox WHERE state = 'pending' UNION ALL SELECT min(id) FROM outbox WHERE state = 'failed')");
  if (oldest.executeStep() && !oldest.getColumn(0).isNull()) f.oldest_unsent_created_at = ts(oldest.getColumn(0).getInt64());
  // Open legs by deadline (shipments_open_by_due).
  auto& overdue = c_.statement(
      "SELECT count(*) FROM shipments WHERE leg_ended_at IS NULL AND cancelled_at IS NULL AND due_at < ?");
  put(overdue, 1, now);
  if (overdue.executeStep()) f.overdue_legs = overdue.getColumn(0).getInt64();
  return f;
}

std::optional<Event> SqliteTx::find_event_by_seq(std::int64_t seq) {
  auto& q = c_.statement(std::string(kEventColumns) + "WHERE seq = ?");
  put(q, 1, seq);
  if (!q.executeStep()) return std::nullopt;
  return event_from(q);
}

std::optional<OutboxMessage> SqliteTx::find_outbox(MessageId id) {
  auto& q = c_.statement(std::string(kOutboxColumns) + "WHERE id = ?");
  put(q, 1, id);
  if (!q.executeStep()) return std::nullopt;
  return outbox_from(q);
}

std::vector<OutboxMessage> SqliteTx::due_outbox(Timestamp now, int limit) {
  auto& q = c_.statement(std::string(kOutboxColumns) +
                         "WHERE state IN ('pending', 'failed') AND next_attempt_at <= ?1 "
                         "AND (claimed_until IS NULL OR claimed_until <= ?1) ORDER BY next_attempt_at LIMIT ?2");
  put(q, 1, now);
  q.bind(2, limit);
  std::vector<OutboxMessage> out;
  while (q.executeStep()) out.push_back(outbox_from(q));
  return out;
}

std::vector<OutboxMessage> SqliteTx::claim_due_outbox(Timestamp now, Timestamp until, int limit) {
  auto due = due_outbox(now, limit);
  auto& q = c_.statement("UPDATE outbox SET claimed_until = ? WHERE id = ?");
  for (auto& m : due) {
    put(q, 1, until);
    put(q, 2, m.id);
    q.exec();
    q.reset();
    m.claimed_until = until;
  }
  return due;
}

void SqliteTx::release_outbox_claim(MessageId id, Timestamp until) {
  auto& q = c_.statement("UPDATE outbox SET claimed_until = NULL WHERE id = ? AND claimed_until = ?");
  put(q, 1, id);
  put(q, 2, until);
  q.exec();
}

std::vector<OutboxMessage> SqliteTx::list_outbox(std::optional<MessageState> state,
                                           std::optional<MessageId> before_id, int limit) {
  auto& q = c_.statement(std::string(kOutboxColumns) +
                         "WHERE (?1 IS NULL OR state = ?1) AND (?2 IS NULL OR id < ?2) "
                         "ORDER BY id DESC LIMIT ?3");
  put(q, 1, state);
  put(q, 2, before_id);
  q.bind(3, limit);
  std::vector<OutboxMessage> out;
  while (q.executeStep()) out.push_back(outbox_from(q));
  return out;
}

void SqliteTx::record_attempt(MessageId id, MessageState state, int attempts, Timestamp next_attempt_at,
                        const std::optional<std::string>& last_error, std::optional<Timestamp> sent_at) {
  auto& q = c_.statement(
      "UPDATE outbox SET state = ?, attempts = ?, next_attempt_at = ?, last_error = ?, sent_at = ?, "
      "claimed_until = NULL WHERE id = ?");
  put(q, 1, state);
  q.bind(2, attempts);
  put(q, 3, next_attempt_at);
  put(q, 4, last_error);
  put(q, 5, sent_at);
  put(q, 6, id);
  q.exec();
}

WebhookId SqliteTx::insert_webhook(const Webhook& w) {
  auto& q = c_.statement(
      "INSERT INTO webhooks (url, events, secret, agency_id, created_at) VALUES (?, ?, ?, ?, ?)");
  q.bind(1, w.url);
  q.bind(2, triggers_json(w.events));
  q.bind(3, w.secret);
  put(q, 4, w.agency_id);
  put(q, 5, w.created_at);
  q.exec();
  return WebhookId(c_.db().getLastInsertRowid());
}

namespace {

Webhook webhook_from(SQLite::Statement& q) {
  Webhook w;
  w.id = id<WebhookId>(q.getColumn(0));
  w.url = q.getColumn(1).getString();
  w.events = triggers_from_json(q.getColumn(2).getString());
  w.secret = q.getColumn(3).getString();
  w.agency_id = opt_id<OfficeId>(q.getColumn(4));
  w.created_at = ts(q.getColumn(5).getInt64());
  return w;
}

}  // namespace

std::vector<Webhook> SqliteTx::list_webhooks() {
  auto& q = c_.statement(
      "SELECT id, url, events, secret, agency_id, created_at FROM webhooks WHERE deleted_at IS NULL "
      "ORDER BY id");
  std::vector<Webhook> out;
  while (q.executeStep()) out.push_back(webhook_from(q));
  return out;
}

std::optional<Webhook> SqliteTx::find_webhook(WebhookId id) {
  auto& q = c_.statement(
      "SELECT id, url, events, secret, agency_id, created_at FROM webhooks WHERE id = ? AND deleted_at IS NULL");
  put(q, 1, id);
  if (!q.executeStep()) return std::nullopt;
  return webhook_from(q);
}

void SqliteTx::delete_webhook(WebhookId id, Timestamp at) {
  auto& q = c_.statement("UPDATE webhooks SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL");
  put(q, 1, at);
  put(q, 2, id);
  q.exec();
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

// One stream of the feed: its rows after `after` within the window, and
// where a reader resumes when every one of them is taken.
struct FeedStream {
  std::vector<FeedRow> rows;
  std::int64_t end = 0;  // a short answer examined the window: resume after it
  bool full = false;     // as many rows as asked: resume after the last taken
};

// The scope and filter of both streams' statements (?3 agency, ?4 types as
// ",a,b,", ?5 scope office, ?6 scope is an agency) on the stream's word column.
std::string feed_filter(std::string_view word) {
  return "AND (?3 IS NULL OR s.agency_id = ?3) AND (?4 = '' OR instr(?4, ',' || " + std::string(word) +
         " || ',') > 0) "
         "AND (?5 IS NULL OR (?6 = 1 AND s.agency_id = ?5) OR (?6 = 0 AND (s.office_id = ?5 OR "
         "  EXISTS (SELECT 1 FROM shipment_offices so WHERE so.office_id = ?5 AND so.shipment_id = s.id)))) ";
}

FeedStream read_stream(Connection& c, const FeedQuery& f, const std::string& top_sql, const std::string& rows_sql,
                       std::int64_t after) {
  auto& top = c.statement(top_sql);
  std::int64_t last = top.executeStep() ? top.getColumn(0).getInt64() : 0;
  FeedStream out;
  out.end = std::max(after, std::min(last, after + f.window));
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

  // Merge by recorded_at (a scan first on a tie); each stream keeps its order.
  FeedPage page;
  FeedPosition at = f.after;
  std::size_t e = 0, d = 0;
  while (static_cast<int>(page.items.size()) < f.limit && (e < events.rows.size() || d < statuses.rows.size())) {
    bool take_event = d == statuses.rows.size() ||
                      (e < events.rows.size() && events.rows[e].recorded_at <= statuses.rows[d].recorded_at);
    FeedRow row = std::move(take_event ? events.rows[e++] : statuses.rows[d++]);
    (take_event ? at.event_seq : at.status_seq) = row.seq;
    row.cursor = at;
    page.items.push_back(std::move(row));
  }
  // A stream whose rows were all taken and that answered short examined its
  // whole window: resume after the window (never before the reader's position).
  if (e == events.rows.size() && !events.full) at.event_seq = events.end;
  if (d == statuses.rows.size() && !statuses.full) at.status_seq = statuses.end;
  page.next = at;
  return page;
}

}  // namespace tracker::store::sqlite
