#pragma once
// The outbox rows of one cause — a scan's event or an agency's status —
// written in the same transaction as the cause: the message is never lost
// and never invented. Private to tracking/.
#include <cstdint>
#include <optional>

#include "tracker/store/tx.hpp"
#include "tracker/tracking/scan_service.hpp"

namespace tracker::tracking {

struct OutboxCause {
  std::optional<std::int64_t> event_seq;   // events.seq, or
  std::optional<std::int64_t> status_seq;  // dossier_statuses.seq
  domain::Trigger trigger = domain::EventType::accepted;
  domain::Timestamp recorded_at{};
};

// The citizen's messages on the channels configured and consented to (the
// caller decides whether the cause is news for the citizen).
void queue_citizen_messages(store::Tx& tx, const store::Shipment& s, const OutboxCause& cause,
                            NotifyChannels channels);

// One message per webhook subscribed to the trigger, for all agencies or
// the shipment's. Agencies' systems follow their subscriptions, not the
// citizen's consent.
void queue_webhooks(store::Tx& tx, const store::Shipment& s, const OutboxCause& cause);

}  // namespace tracker::tracking
