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
    "next_attempt_at, last_error, created_at FROM outbox ";

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
      "attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)");
  q.bind(1, static_cast<std::int64_t>(m.shipment_id));
  q.bind(2, static_cast<std::int64_t>(m.event_seq));
  q.bind(3, m.channel);
  q.bind(4, m.recipient);
  q.bind(5, m.trigger);
  q.bind(6, m.delivery_id);
  q.bind(7, static_cast<std::int64_t>(ms(m.next_attempt_at)));
  q.bind(8, static_cast<std::int64_t>(ms(m.created_at)));
  q.exec();
}

std::vector<OutboxMessage> Tx::outbox_of(std::int64_t shipment_id) {
  auto& q = c_.statement(std::string(kOutboxColumns) + "WHERE shipment_id = ? ORDER BY id");
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
