// Tx statements for notifications: the outbox (written with its cause,
// claimed by a dispatcher, each attempt recorded) and the webhook
// subscriptions.
#include "connection.hpp"
#include "rows.hpp"
#include "sqlite_tx.hpp"

namespace tracker::store::sqlite {
using namespace rows;

namespace {

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

}  // namespace tracker::store::sqlite
