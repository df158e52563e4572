#pragma once
// Status derivation: a shipment's status is never stored as the truth; it is
// derived from all its events, so late and out-of-order scans are kept and
// cannot roll a status back. Pure functions; thread-safe.
//
// The rules:
//  1. Events are ordered by (occurred_at, seq); seq is the recording order
//     and breaks ties (equal seq: input order). A scan recorded late but
//     carrying an earlier occurred_at simply takes its place in time: with
//     delivered 09:00 recorded first and arrived 08:00 recorded later, the
//     order is arrived, delivered; nothing is an anomaly; status delivered.
//  2. No events: created, or cancelled when the shipment was cancelled.
//     Cancelled is terminal and only allowed before any scan, so every event
//     of a cancelled shipment is an anomaly and the status stays cancelled.
//  3. Walking the events from created, each normal event sets the status:
//     accepted -> accepted; dispatched, arrived -> in_transit;
//     out_for_delivery, delivery_failed, held, delivered, returned -> the
//     status of the same name.
//  4. An event is an anomaly (kept, marked, and it does not change the
//     status) when:
//     a. it comes after a terminal status (delivered, returned), including a
//        repeated delivered;
//     b. it is accepted after the shipment progressed beyond accepted (a
//        repeated accepted while still accepted is normal);
//     c. it is returned of a dossier shipment (only results go back to the
//        agency), or returned with no normal delivery_failed before it
//        (returning needs failed attempts).
//     Anything else is normal: missing intermediate scans are expected
//     (created -> arrived, accepted -> delivery_failed), and after
//     delivery_failed the item may be out_for_delivery, held, arrived,
//     dispatched, fail again or be delivered.
//  5. failed_attempts counts the normal delivery_failed events.
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "tracker/domain/event.hpp"
#include "tracker/domain/time.hpp"

namespace tracker::domain {

// What derivation needs to know of one recorded event.
struct EventFact {
  EventType type;
  Timestamp occurred_at;
  std::int64_t seq;  // recording order
};

struct Derivation {
  ShipmentStatus status;
  std::vector<bool> anomaly;  // anomaly[i] is for events[i], in input order
  int failed_attempts;        // normal delivery_failed events
};

// Nothing more is expected of it: delivered, returned or cancelled.
constexpr bool is_terminal(ShipmentStatus s) {
  return s == ShipmentStatus::delivered || s == ShipmentStatus::returned ||
         s == ShipmentStatus::cancelled;
}

Derivation derive_status(ShipmentKind kind, std::span<const EventFact> events, bool cancelled);

// One step of the walk (rules 3 to 5): the state after one more event that
// comes after every other one in time. derive_status() is a fold of this, so
// a scan appended in order needs only the stored state, not the history.
struct StatusStep {
  ShipmentStatus status;
  int failed_attempts;
  bool anomaly;
};
StatusStep apply_event(ShipmentKind kind, ShipmentStatus current, int failed_attempts, EventType type);

// When the leg ended, for deadline checks: a dossier's leg ends when it is
// handed to the agency (the normal delivered event: the legal submission
// time); a result's leg ends at the first delivery attempt (the earliest
// normal delivery_failed or delivered). nullopt while the leg is open.
// derivation must be derive_status()'s answer for the same events.
std::optional<Timestamp> leg_ended_at(ShipmentKind kind, std::span<const EventFact> events,
                                      const Derivation& derivation);

}  // namespace tracker::domain
