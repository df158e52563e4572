#pragma once
// Recording one scan inside the writer's transaction: the rules shared by
// POST /scans, the batch, and the events a handover confirmation records.
// Private to tracking/.
#include "tracker/auth/principal.hpp"
#include "tracker/store/tx.hpp"
#include "tracker/tracking/requests.hpp"
#include "tracker/tracking/scan_service.hpp"
#include "tracker/tracking/views.hpp"

namespace tracker::tracking {

// Idempotent on event_id; derives the status; writes the outbox rows of the
// configured channels and the webhook subscriptions in the same transaction.
// `now` is the recording time (recorded_at, the audit line, the outbox rows).
Result<RecordedScan> record_in(store::Tx& tx, const auth::Principal& p, const ScanRequest& scan,
                               NotifyChannels channels, domain::Timestamp now);

}  // namespace tracker::tracking
