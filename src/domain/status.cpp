#include "tracker/domain/status.hpp"

#include <algorithm>
#include <numeric>

namespace tracker::domain {
namespace {

ShipmentStatus status_after(EventType type) {
  switch (type) {
    case EventType::accepted:
      return ShipmentStatus::accepted;
    case EventType::dispatched:
    case EventType::arrived:
      return ShipmentStatus::in_transit;
    case EventType::out_for_delivery:
      return ShipmentStatus::out_for_delivery;
    case EventType::delivery_failed:
      return ShipmentStatus::delivery_failed;
    case EventType::held:
      return ShipmentStatus::held;
    case EventType::delivered:
      return ShipmentStatus::delivered;
    case EventType::returned:
      return ShipmentStatus::returned;
  }
  return ShipmentStatus::created;  // not reached: every EventType is handled
}

// Rule 4 of status.hpp.
bool is_anomaly(ShipmentKind kind, ShipmentStatus current, bool failed_before, EventType type) {
  if (is_terminal(current)) return true;
  if (type == EventType::accepted) {
    return current != ShipmentStatus::created && current != ShipmentStatus::accepted;
  }
  if (type == EventType::returned) return kind == ShipmentKind::dossier || !failed_before;
  return false;
}

// Indices of events in (occurred_at, seq, input index) order.
std::vector<std::size_t> chronological(std::span<const EventFact> events) {
  std::vector<std::size_t> order(events.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (events[a].occurred_at != events[b].occurred_at) {
      return events[a].occurred_at < events[b].occurred_at;
    }
    return events[a].seq < events[b].seq;
  });
  return order;
}

}  // namespace

StatusStep apply_event(ShipmentKind kind, ShipmentStatus current, int failed_attempts, EventType type) {
  if (is_anomaly(kind, current, failed_attempts > 0, type)) return {current, failed_attempts, true};
  if (type == EventType::delivery_failed) ++failed_attempts;
  return {status_after(type), failed_attempts, false};
}

Derivation derive_status(ShipmentKind kind, std::span<const EventFact> events, bool cancelled) {
  Derivation d{ShipmentStatus::created, std::vector<bool>(events.size(), false), 0};
  if (cancelled) {
    d.status = ShipmentStatus::cancelled;
    d.anomaly.assign(events.size(), true);
    return d;
  }
  for (std::size_t i : chronological(events)) {
    auto step = apply_event(kind, d.status, d.failed_attempts, events[i].type);
    d.status = step.status;
    d.failed_attempts = step.failed_attempts;
    d.anomaly[i] = step.anomaly;
  }
  return d;
}

std::optional<Timestamp> leg_ended_at(ShipmentKind kind, std::span<const EventFact> events,
                                      const Derivation& derivation) {
  std::optional<Timestamp> ended;
  for (std::size_t i = 0; i < events.size(); ++i) {
    if (i < derivation.anomaly.size() && derivation.anomaly[i]) continue;
    EventType type = events[i].type;
    bool ends = type == EventType::delivered ||
                (kind == ShipmentKind::result && type == EventType::delivery_failed);
    if (ends && (!ended || events[i].occurred_at < *ended)) ended = events[i].occurred_at;
  }
  return ended;
}

}  // namespace tracker::domain
