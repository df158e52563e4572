// Tx statements for notifications: the outbox (written with its cause,
// claimed by one dispatcher with FOR UPDATE SKIP LOCKED, each attempt
// recorded) and the webhook subscriptions. A message's id names its
// partition (province_of, migration 003).
#include <algorithm>

#include "pg_rows.hpp"
#include "pg_tx.hpp"

namespace tracker::store::postgres {
using namespace rows;
namespace {

constexpr const char* kOutboxColumns =
    "SELECT id, shipment_id, event_seq, channel, recipient, trigger, delivery_id, state, attempts, "
    "next_attempt_at, last_error, created_at, webhook_id, sent_at, status_seq, claimed_until FROM outbox ";

constexpr const char* kById = "province = province_of($1::bigint) AND id = $1";

OutboxMessage outbox_from(const Row& r) {
  OutboxMessage m;
  m.id = r.id<MessageId>(0);
  m.shipment_id = r.id<ShipmentId>(1);
  m.event_seq = r.opt_int(2);
  m.channel = r.word<Channel>(3);
  m.recipient = r.text(4);
  m.trigger = r.trigger(5);
  m.delivery_id = r.text(6);
  m.state = r.word<MessageState>(7);
  m.attempts = r.integer(8);
  m.next_attempt_at = r.time(9);
  m.last_error = r.opt_text(10);
  m.created_at = r.time(11);
  m.webhook_id = r.opt_id<WebhookId>(12);
  m.sent_at = r.opt_time(13);
  m.status_seq = r.opt_int(14);
  m.claimed_until = r.opt_time(15);
  return m;
}

Webhook webhook_from(const Row& r) {
  Webhook w;
  w.id = r.id<WebhookId>(0);
  w.url = r.text(1);
  w.events = columns::triggers_from_json(r.view(2));
  w.secret = r.text(3);
  w.agency_id = r.opt_id<OfficeId>(4);
  w.created_at = r.time(5);
  return w;
}

}  // namespace

void PgTx::insert_outbox(const OutboxMessage& m) {
  run(c_,
      "INSERT INTO outbox (province, id, shipment_id, event_seq, channel, recipient, trigger, delivery_id, state, "
      "attempts, next_attempt_at, created_at, webhook_id, status_seq) "
      "VALUES (province_of($1), nextval('outbox_id_seq') * 100 + ($1 % 100), $1, $2, $3, $4, $5, $6, 'pending', 0, "
      "$7, $8, $9, $10)",
      Params(m.shipment_id, m.event_seq, m.channel, m.recipient, m.trigger, m.delivery_id, m.next_attempt_at,
             m.created_at, m.webhook_id, m.status_seq));
}

std::vector<OutboxMessage> PgTx::outbox_of(ShipmentId shipment_id) {
  return all(run(c_,
                 std::string(kOutboxColumns) +
                     "WHERE province = province_of($1::bigint) AND shipment_id = $1 AND channel IN ('sms', 'email') "
                     "ORDER BY id",
                 Params(shipment_id)),
             outbox_from);
}

std::vector<OutboxCount> PgTx::outbox_counts() {
  auto r = run(c_, "SELECT channel, state, count(*) FROM outbox GROUP BY channel, state ORDER BY 1, 2");
  return all(r, [](const Row& row) {
    return OutboxCount{row.word<Channel>(0), row.word<MessageState>(1), row.int64(2)};
  });
}

OperationalFigures PgTx::operational_figures(Timestamp now) {
  OperationalFigures f;
  f.outbox = outbox_counts();
  auto oldest = run(c_, "SELECT min(created_at) FROM outbox WHERE state IN ('pending', 'failed')");
  if (!Row(oldest, 0).null(0)) f.oldest_unsent_created_at = Row(oldest, 0).time(0);
  auto overdue = run(c_,
                     "SELECT count(*) FROM shipments WHERE leg_ended_at IS NULL AND cancelled_at IS NULL AND due_at < $1",
                     Params(now));
  f.overdue_legs = Row(overdue, 0).int64(0);
  return f;
}

std::optional<OutboxMessage> PgTx::find_outbox(MessageId id) {
  return first(run(c_, std::string(kOutboxColumns) + "WHERE " + kById, Params(id)), outbox_from);
}

std::vector<OutboxMessage> PgTx::due_outbox(Timestamp now, int limit) {
  return all(run(c_,
                 std::string(kOutboxColumns) +
                     "WHERE state IN ('pending', 'failed') AND next_attempt_at <= $1 "
                     "AND (claimed_until IS NULL OR claimed_until <= $1) ORDER BY next_attempt_at LIMIT $2",
                 Params(now, limit)),
             outbox_from);
}

std::vector<OutboxMessage> PgTx::claim_due_outbox(Timestamp now, Timestamp until, int limit) {
  // Rows another dispatcher is claiming right now are skipped, not waited for.
  auto r = run(c_,
               "WITH due AS (SELECT province, id FROM outbox WHERE state IN ('pending', 'failed') "
               "AND next_attempt_at <= $1 AND (claimed_until IS NULL OR claimed_until <= $1) "
               "ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED) "
               "UPDATE outbox o SET claimed_until = $2 FROM due WHERE o.province = due.province AND o.id = due.id "
               "RETURNING o.id, o.shipment_id, o.event_seq, o.channel, o.recipient, o.trigger, o.delivery_id, "
               "o.state, o.attempts, o.next_attempt_at, o.last_error, o.created_at, o.webhook_id, o.sent_at, "
               "o.status_seq, o.claimed_until",
               Params(now, until, limit));
  auto out = all(r, outbox_from);
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.next_attempt_at < b.next_attempt_at; });
  return out;
}

void PgTx::release_outbox_claim(MessageId id, Timestamp until) {
  run(c_, std::string("UPDATE outbox SET claimed_until = NULL WHERE ") + kById + " AND claimed_until = $2",
      Params(id, until));
}

std::vector<OutboxMessage> PgTx::list_outbox(std::optional<MessageState> state, std::optional<MessageId> before_id,
                                             int limit) {
  return all(run(c_,
                 std::string(kOutboxColumns) +
                     "WHERE ($1::text IS NULL OR state = $1) AND ($2::bigint IS NULL OR id < $2) "
                     "ORDER BY id DESC LIMIT $3",
                 Params(state, before_id, limit)),
             outbox_from);
}

void PgTx::record_attempt(MessageId id, MessageState state, int attempts, Timestamp next_attempt_at,
                          const std::optional<std::string>& last_error, std::optional<Timestamp> sent_at) {
  run(c_,
      std::string("UPDATE outbox SET state = $2, attempts = $3, next_attempt_at = $4, last_error = $5, sent_at = $6, "
                  "claimed_until = NULL WHERE ") + kById,
      Params(id, state, attempts, next_attempt_at, last_error, sent_at));
}

WebhookId PgTx::insert_webhook(const Webhook& w) {
  auto r = run(c_,
               "INSERT INTO webhooks (url, events, secret, agency_id, created_at) VALUES ($1, $2, $3, $4, $5) "
               "RETURNING id",
               Params(w.url, columns::triggers_json(w.events), w.secret, w.agency_id, w.created_at));
  return WebhookId(Row(r, 0).int64(0));
}

std::vector<Webhook> PgTx::list_webhooks() {
  return all(run(c_,
                 "SELECT id, url, events, secret, agency_id, created_at FROM webhooks WHERE deleted_at IS NULL "
                 "ORDER BY id"),
             webhook_from);
}

std::optional<Webhook> PgTx::find_webhook(WebhookId id) {
  return first(run(c_,
                   "SELECT id, url, events, secret, agency_id, created_at FROM webhooks WHERE id = $1 "
                   "AND deleted_at IS NULL",
                   Params(id)),
               webhook_from);
}

void PgTx::delete_webhook(WebhookId id, Timestamp at) {
  run(c_, "UPDATE webhooks SET deleted_at = $2 WHERE id = $1 AND deleted_at IS NULL", Params(id, at));
}

}  // namespace tracker::store::postgres
