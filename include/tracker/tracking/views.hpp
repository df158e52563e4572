#pragma once
// What the services answer: records joined with the names and derived facts
// a reader needs. The HTTP layer renders these; nothing here is JSON.
#include <string>
#include <vector>

#include "tracker/store/records.hpp"

namespace tracker::tracking {

struct OfficeRef {
  std::string code;
  std::string name;
};

struct EventView {
  store::Event event;
  OfficeRef office;
  std::string recorded_by;  // username
  bool anomaly = false;
};

struct ShipmentView {
  store::Shipment shipment;
  OfficeRef office;  // where it was created
  OfficeRef agency;
  std::vector<EventView> events;  // oldest first
  std::vector<store::OutboxMessage> notifications;
  std::vector<std::string> linked;  // tracking numbers of linked shipments
  bool overdue = false;
};

struct ShipmentPage {
  std::vector<ShipmentView> items;  // without events and notifications
  std::optional<std::int64_t> next_before_id;
};

struct RecordedScan {
  EventView event;
  std::string tracking_number;
  std::string status;
  bool created = false;  // false: the same event was already recorded
};

// One shipment as the public sees it: no personal data unless unlocked.
struct PublicShipment {
  std::string tracking_number;
  std::string kind;
  std::string status;
  domain::Timestamp due_at{};
  std::vector<EventView> events;
  bool unlocked = false;        // phone_last4 matched
  std::string masked_name;      // only when unlocked
  std::string procedure_name;   // only when unlocked
};

}  // namespace tracker::tracking
