#include "outbox_rows.hpp"

#include <algorithm>

#include "tracker/auth/secrets.hpp"

namespace tracker::tracking {
using namespace tracker::domain;

namespace {

void insert(store::Tx& tx, const store::Shipment& s, const OutboxCause& cause, Channel channel, std::string to,
            std::optional<WebhookId> webhook) {
  store::OutboxMessage m;
  m.shipment_id = s.id;
  m.event_seq = cause.event_seq;
  m.status_seq = cause.status_seq;
  m.channel = channel;
  m.webhook_id = webhook;
  m.recipient = std::move(to);
  m.trigger = cause.trigger;
  m.delivery_id = auth::new_uuid();
  m.next_attempt_at = cause.recorded_at;
  m.created_at = cause.recorded_at;
  tx.insert_outbox(m);
}

}  // namespace

void queue_citizen_messages(store::Tx& tx, const store::Shipment& s, const OutboxCause& cause,
                            NotifyChannels channels) {
  if (channels.sms && s.notify_sms && s.citizen_phone) {
    insert(tx, s, cause, Channel::sms, std::string(s.citizen_phone->e164()), std::nullopt);
  }
  if (channels.email && s.notify_email && s.citizen_email) {
    insert(tx, s, cause, Channel::email, *s.citizen_email, std::nullopt);
  }
}

void queue_webhooks(store::Tx& tx, const store::Shipment& s, const OutboxCause& cause) {
  for (const auto& w : tx.list_webhooks()) {
    if (w.agency_id && *w.agency_id != s.agency_id) continue;
    if (std::find(w.events.begin(), w.events.end(), cause.trigger) == w.events.end()) continue;
    insert(tx, s, cause, Channel::webhook, "", w.id);
  }
}

}  // namespace tracker::tracking
