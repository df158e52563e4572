#pragma once
// What the services answer: records joined with the names and the derived
// facts a reader needs, in domain types. The facts (terminal, overdue, hold
// and next-attempt dates) are computed once, here in tracking, and every
// page, JSON answer, label and message reads them from the view. Nothing
// here is JSON or HTML.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "tracker/store/records.hpp"
#include "tracker/store/unit_queries.hpp"

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

// A result whose delivery failed: when the postal worker comes again, from
// which office, and why the last attempt failed.
struct NextAttempt {
  std::chrono::year_month_day day;
  OfficeRef office;
  std::optional<domain::FailureReason> reason;
};

// A result held at an office for collection, until the end of `until`'s day.
struct Hold {
  domain::Timestamp until{};
  OfficeRef office;
};

// What the rules say about a shipment at the moment the view was built.
struct ShipmentFacts {
  bool terminal = false;  // delivered, returned or cancelled
  // Past its deadline with its leg still open (see is_overdue in view_builder).
  bool overdue = false;
  std::optional<NextAttempt> next_attempt;  // result in delivery_failed
  std::optional<Hold> hold;                 // result held
};

// Office names are as they were at the time: a shipment's offices as named
// when it was created, an event's office when the event happened.
struct ShipmentView {
  store::Shipment shipment;
  OfficeRef office;  // where it was created
  OfficeRef agency;  // the competent agency
  std::vector<EventView> events;  // oldest first
  std::vector<store::OutboxMessage> notifications;
  std::vector<std::string> linked;  // tracking numbers of linked shipments
  ShipmentFacts facts;
  // For an address in the written (pre-2025) form: the unit(s) it names today
  // (with details only).
  std::vector<store::Commune> suggested_units;
  std::optional<OfficeRef> receiving_office;  // a dossier's service centre or post office
  std::vector<store::DossierStatus> agency_statuses;  // a dossier's, from its agency's system (with details)
};

struct ShipmentPage {
  std::vector<ShipmentView> items;  // without events and notifications
  std::optional<domain::ShipmentId> next_before_id;
};

// A dossier and the result made from it, found by the dossier code, as the
// clerk's dossier page shows them (either may be missing; both within the
// caller's scope).
struct DossierPair {
  std::optional<ShipmentView> dossier;
  std::optional<ShipmentView> result;
};

struct RecordedScan {
  EventView event;
  std::string tracking_number;
  domain::ShipmentStatus status = domain::ShipmentStatus::created;
  bool created = false;  // false: the same event was already recorded
};

// One shipment as the public sees it: no personal data unless unlocked.
struct PublicShipment {
  std::string tracking_number;
  domain::ShipmentKind kind = domain::ShipmentKind::dossier;
  domain::ShipmentStatus status = domain::ShipmentStatus::created;
  domain::Timestamp due_at{};
  std::vector<EventView> events;
  ShipmentFacts facts;
  bool unlocked = false;        // phone_last4 matched
  std::string masked_name;      // only when unlocked
  std::string procedure_name;   // only when unlocked
  std::string agency_name;
  std::vector<store::DossierStatus> agency_statuses;  // the status words only are public
};

}  // namespace tracker::tracking
