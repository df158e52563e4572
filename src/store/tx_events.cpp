// Tx statements for events (append only), the outbox, stored responses and
// holidays.
#include "connection.hpp"
#include "rows.hpp"
#include "tracker/store/tx.hpp"

namespace tracker::store {
using namespace rows;
namespace {

constexpr const char* kEventColumns =
    "SELECT seq, shipment_id, event_id, type, office_id, occurred_at, recorded_at, recorded_by, "
    "reason, recipient, dossier_code, note, body_hash FROM events ";

Event event_from(SQLite::Statement& q) {
  Event e;
  e.seq = q.getColumn(0).getInt64();
  e.shipment_id = q.getColumn(1).getInt64();
  e.event_id = q.getColumn(2).getString();
  e.type = q.getColumn(3).getString();
  e.office_id = q.getColumn(4).getInt64();
  e.occurred_at = ts(q.getColumn(5).getInt64());
  e.recorded_at = ts(q.getColumn(6).getInt64());
  e.recorded_by = opt_int(q.getColumn(7));
  e.reason = opt_text(q.getColumn(8));
  e.recipient = opt_text(q.getColumn(9));
  e.dossier_code = opt_text(q.getColumn(10));
  e.note = opt_text(q.getColumn(11));
  e.body_hash = blob(q.getColumn(12));
  return e;
}

constexpr const char* kOutboxColumns =
    "SELECT id, shipment_id, event_seq, channel, recipient, trigger, delivery_id, state, attempts, "
    "next_attempt_at, last_error, created_at, webhook_id, sent_at FROM outbox ";

OutboxMessage outbox_from(SQLite::Statement& q) {
  OutboxMessage m;
  m.id = q.getColumn(0).getInt64();
  m.shipment_id = q.getColumn(1).getInt64();
  m.event_seq = q.getColumn(2).getInt64();
  m.channel = q.getColumn(3).getString();
  m.recipient = q.getColumn(4).getString();
  m.trigger = q.getColumn(5).getString();
  m.delivery_id = q.getColumn(6).getString();
  m.state = q.getColumn(7).getString();
  m.attempts = q.getColumn(8).getInt();
  m.next_attempt_at = ts(q.getColumn(9).getInt64());
  m.last_error = opt_text(q.getColumn(10));
  m.created_at = ts(q.getColumn(11).getInt64());
  m.webhook_id = opt_int(q.getColumn(12));
  m.sent_at = opt_ts(q.getColumn(13));
  return m;
}

}  // namespace

std::optional<Event> Tx::find_event(std::int64_t shipment_id, const std::string& event_id) {
  auto& q = c_.statement(std::string(kEventColumns) + "WHERE shipment_id = ? AND event_id = ?");
  q.bind(1, static_cast<std::int64_t>(shipment_id));
  q.bind(2, event_id);
  if (!q.executeStep()) return std::nullopt;
  return event_from(q);
}

std::int64_t Tx::insert_event(const Event& e) {
  auto& q = c_.statement(
      "INSERT INTO events (shipment_id, event_id, type, office_id, occurred_at, recorded_at, "
      "recorded_by, reason, recipient, dossier_code, note, body_hash) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  q.bind(1, static_cast<std::int64_t>(e.shipment_id));
  q.bind(2, e.event_id);
  q.bind(3, e.type);
  q.bind(4, static_cast<std::int64_t>(e.office_id));
  q.bind(5, static_cast<std::int64_t>(ms(e.occurred_at)));
  q.bind(6, static_cast<std::int64_t>(ms(e.recorded_at)));
  bind(q, 7, e.recorded_by);
  bind(q, 8, e.reason);
  bind(q, 9, e.recipient);
  bind(q, 10, e.dossier_code);
  bind(q, 11, e.note);
  bind_blob(q, 12, e.body_hash);
  q.exec();
  return c_.db().getLastInsertRowid();
}

std::vector<Event> Tx::events_of(std::int64_t shipment_id) {
  auto& q = c_.statement(std::string(kEventColumns) +
                         "WHERE shipment_id = ? ORDER BY occurred_at, seq");
  q.bind(1, static_cast<std::int64_t>(shipment_id));
  std::vector<Event> out;
  while (q.executeStep()) out.push_back(event_from(q));
  return out;
}

std::vector<EventFactRow> Tx::event_facts_of(std::int64_t shipment_id) {
  auto& q = c_.statement("SELECT seq, type, occurred_at FROM events WHERE shipment_id = ? ORDER BY seq");
  q.bind(1, static_cast<std::int64_t>(shipment_id));
  std::vector<EventFactRow> out;
  while (q.executeStep()) {
    out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getString(), ts(q.getColumn(2).getInt64())});
  }
  return out;
}

std::int64_t Tx::count_events() {
  auto& q = c_.statement("SELECT count(*) FROM events");
  q.executeStep();
  return q.getColumn(0).getInt64();
}

void Tx::insert_outbox(const OutboxMessage& m) {
  auto& q = c_.statement(
      "INSERT INTO outbox (shipment_id, event_seq, channel, recipient, trigger, delivery_id, state, "
      "attempts, next_attempt_at, created_at, webhook_id) VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?)");
  q.bind(1, static_cast<std::int64_t>(m.shipment_id));
  q.bind(2, static_cast<std::int64_t>(m.event_seq));
  q.bind(3, m.channel);
  q.bind(4, m.recipient);
  q.bind(5, m.trigger);
  q.bind(6, m.delivery_id);
  q.bind(7, static_cast<std::int64_t>(ms(m.next_attempt_at)));
  q.bind(8, static_cast<std::int64_t>(ms(m.created_at)));
  bind(q, 9, m.webhook_id);
  q.exec();
}

std::vector<OutboxMessage> Tx::outbox_of(std::int64_t shipment_id) {
  auto& q = c_.statement(std::string(kOutboxColumns) +
                         "WHERE shipment_id = ? AND channel IN ('sms', 'email') ORDER BY id");
  q.bind(1, static_cast<std::int64_t>(shipment_id));
  std::vector<OutboxMessage> out;
  while (q.executeStep()) out.push_back(outbox_from(q));
  return out;
}

std::vector<OutboxCount> Tx::outbox_counts() {
  auto& q = c_.statement(
      "SELECT channel, state, count(*) FROM outbox GROUP BY channel, state ORDER BY 1, 2");
  std::vector<OutboxCount> out;
  while (q.executeStep()) {
    out.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getInt64()});
  }
  return out;
}

std::optional<Event> Tx::find_event_by_seq(std::int64_t seq) {
  auto& q = c_.statement(std::string(kEventColumns) + "WHERE seq = ?");
  q.bind(1, static_cast<std::int64_t>(seq));
  if (!q.executeStep()) return std::nullopt;
  return event_from(q);
}

std::optional<OutboxMessage> Tx::find_outbox(std::int64_t id) {
  auto& q = c_.statement(std::string(kOutboxColumns) + "WHERE id = ?");
  q.bind(1, static_cast<std::int64_t>(id));
  if (!q.executeStep()) return std::nullopt;
  return outbox_from(q);
}

std::vector<OutboxMessage> Tx::due_outbox(Timestamp now, int limit) {
  auto& q = c_.statement(std::string(kOutboxColumns) +
                         "WHERE state IN ('pending', 'failed') AND next_attempt_at <= ? "
                         "ORDER BY next_attempt_at LIMIT ?");
  q.bind(1, static_cast<std::int64_t>(ms(now)));
  q.bind(2, limit);
  std::vector<OutboxMessage> out;
  while (q.executeStep()) out.push_back(outbox_from(q));
  return out;
}

std::vector<OutboxMessage> Tx::list_outbox(const std::optional<std::string>& state,
                                           std::optional<std::int64_t> before_id, int limit) {
  auto& q = c_.statement(std::string(kOutboxColumns) +
                         "WHERE (?1 IS NULL OR state = ?1) AND (?2 IS NULL OR id < ?2) "
                         "ORDER BY id DESC LIMIT ?3");
  bind(q, 1, state);
  bind(q, 2, before_id);
  q.bind(3, limit);
  std::vector<OutboxMessage> out;
  while (q.executeStep()) out.push_back(outbox_from(q));
  return out;
}

void Tx::record_attempt(std::int64_t id, const std::string& state, int attempts, Timestamp next_attempt_at,
                        const std::optional<std::string>& last_error, std::optional<Timestamp> sent_at) {
  auto& q = c_.statement(
      "UPDATE outbox SET state = ?, attempts = ?, next_attempt_at = ?, last_error = ?, sent_at = ? "
      "WHERE id = ?");
  q.bind(1, state);
  q.bind(2, attempts);
  q.bind(3, static_cast<std::int64_t>(ms(next_attempt_at)));
  bind(q, 4, last_error);
  bind(q, 5, sent_at);
  q.bind(6, static_cast<std::int64_t>(id));
  q.exec();
}

std::int64_t Tx::insert_webhook(const Webhook& w) {
  std::string events = "[";
  for (std::size_t i = 0; i < w.events.size(); ++i) events += (i ? ",\"" : "\"") + w.events[i] + "\"";
  events += "]";
  auto& q = c_.statement(
      "INSERT INTO webhooks (url, events, secret, agency_id, created_at) VALUES (?, ?, ?, ?, ?)");
  q.bind(1, w.url);
  q.bind(2, events);
  q.bind(3, w.secret);
  bind(q, 4, w.agency_id);
  q.bind(5, static_cast<std::int64_t>(ms(w.created_at)));
  q.exec();
  return c_.db().getLastInsertRowid();
}

namespace {

Webhook webhook_from(SQLite::Statement& q) {
  Webhook w;
  w.id = q.getColumn(0).getInt64();
  w.url = q.getColumn(1).getString();
  // events is a JSON array of plain words written by insert_webhook.
  std::string events = q.getColumn(2).getString();
  std::size_t i = 0;
  while ((i = events.find('"', i)) != std::string::npos) {
    auto end = events.find('"', i + 1);
    if (end == std::string::npos) break;
    w.events.push_back(events.substr(i + 1, end - i - 1));
    i = end + 1;
  }
  w.secret = q.getColumn(3).getString();
  w.agency_id = opt_int(q.getColumn(4));
  w.created_at = ts(q.getColumn(5).getInt64());
  return w;
}

}  // namespace

std::vector<Webhook> Tx::list_webhooks() {
  auto& q = c_.statement(
      "SELECT id, url, events, secret, agency_id, created_at FROM webhooks WHERE deleted_at IS NULL "
      "ORDER BY id");
  std::vector<Webhook> out;
  while (q.executeStep()) out.push_back(webhook_from(q));
  return out;
}

std::optional<Webhook> Tx::find_webhook(std::int64_t id) {
  auto& q = c_.statement(
      "SELECT id, url, events, secret, agency_id, created_at FROM webhooks WHERE id = ? AND deleted_at IS NULL");
  q.bind(1, static_cast<std::int64_t>(id));
  if (!q.executeStep()) return std::nullopt;
  return webhook_from(q);
}

void Tx::delete_webhook(std::int64_t id, Timestamp at) {
  auto& q = c_.statement("UPDATE webhooks SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL");
  q.bind(1, static_cast<std::int64_t>(ms(at)));
  q.bind(2, static_cast<std::int64_t>(id));
  q.exec();
}

std::optional<StoredResponse> Tx::find_stored_response(std::int64_t user_id, const std::string& key) {
  auto& q = c_.statement(
      "SELECT request_hash, status, content_type, body FROM idempotency_keys "
      "WHERE user_id = ? AND key = ?");
  q.bind(1, static_cast<std::int64_t>(user_id));
  q.bind(2, key);
  if (!q.executeStep()) return std::nullopt;
  return StoredResponse{blob(q.getColumn(0)), q.getColumn(1).getInt(), q.getColumn(2).getString(),
                        q.getColumn(3).getString()};
}

void Tx::insert_stored_response(std::int64_t user_id, const std::string& key,
                                const StoredResponse& r, Timestamp now) {
  auto& q = c_.statement(
      "INSERT INTO idempotency_keys (user_id, key, request_hash, status, content_type, body, "
      "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
  q.bind(1, static_cast<std::int64_t>(user_id));
  q.bind(2, key);
  bind_blob(q, 3, r.request_hash);
  q.bind(4, r.status);
  q.bind(5, r.content_type);
  q.bind(6, r.body);
  q.bind(7, static_cast<std::int64_t>(ms(now)));
  q.exec();
}

std::vector<std::string> Tx::holidays() {
  auto& q = c_.statement("SELECT day FROM holidays ORDER BY day");
  std::vector<std::string> out;
  while (q.executeStep()) out.push_back(q.getColumn(0).getString());
  return out;
}

}  // namespace tracker::store
