#pragma once
// Rows as the store reads and writes them, in domain types: the database
// keeps enumerations as their snake_case words and addresses as JSON, and the
// store converts them here, once (src/store/rows.hpp), so nothing above the
// store compares or parses those words. Ids of different tables are distinct
// types (domain/ids.hpp).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tracker/domain/address.hpp"
#include "tracker/domain/deadline.hpp"
#include "tracker/domain/event.hpp"
#include "tracker/domain/ids.hpp"
#include "tracker/domain/phone.hpp"
#include "tracker/domain/time.hpp"
#include "tracker/domain/vocabulary.hpp"

namespace tracker::store {

using domain::Channel;
using domain::HandoverDirection;
using domain::HandoverId;
using domain::HandoverStatus;
using domain::MessageId;
using domain::MessageState;
using domain::OfficeId;
using domain::OfficeKind;
using domain::Role;
using domain::ShipmentId;
using domain::ShipmentKind;
using domain::ShipmentStatus;
using domain::Timestamp;
using domain::UserId;
using domain::WebhookId;

struct Office {
  OfficeId id{};
  std::string code;
  OfficeKind kind = OfficeKind::post_office;
  std::string name;
  // The units' names: from commune_code when it is set (read from the unit
  // tables), else the free text written when the office was created.
  std::string province;
  std::string commune;
  std::string address;
  std::optional<std::string> agency_code;
  std::optional<std::string> commune_code;          // "01840"
  std::optional<std::string> province_code;         // "19", from the commune (read only)
  std::optional<std::string> dossier_code_pattern;  // agencies: the form of their codes
  std::optional<domain::CalendarName> calendar;     // chosen by an admin; else default_calendar(kind)
};

// The calendar whose working days count at this office.
inline domain::CalendarName working_calendar(const Office& o) {
  return o.calendar.value_or(domain::default_calendar(o.kind));
}

// The calendar of a postal leg that starts or is attempted at this office:
// its own, but the post's for an agency (the post carries what an agency
// hands over: a result's J+n counts postal working days).
inline domain::CalendarName leg_calendar(const Office& o) {
  return o.kind == domain::OfficeKind::agency ? domain::CalendarName::postal : working_calendar(o);
}

// A name an office had until it was renamed.
struct OfficeName {
  Timestamp valid_until{};
  std::string name;
};

struct User {
  UserId id{};
  std::string username;
  std::string display_name;
  Role role = Role::postal_worker;
  std::optional<OfficeId> office_id;
  std::string password_hash;  // empty: no password login
};

struct Shipment {
  ShipmentId id{};
  std::string tracking_number;
  ShipmentKind kind = ShipmentKind::dossier;
  ShipmentStatus status = ShipmentStatus::created;  // derived from the events; cached here
  domain::Route route = domain::Route::same_commune;
  OfficeId office_id{};  // where it was created
  OfficeId agency_id{};  // the agency it goes to (dossier) or comes from (result)
  std::optional<OfficeId> receiving_office_id;  // where a dossier was handed in (a centre or post office)
  std::optional<std::string> dossier_code;
  std::optional<ShipmentId> linked_id;
  std::string procedure_code;
  std::string procedure_name;
  std::string citizen_name;
  std::optional<domain::PhoneNumber> citizen_phone;
  std::optional<std::string> citizen_email;
  domain::Address citizen_address;
  std::string documents = "[]";        // JSON array
  bool notify_sms = false;
  bool notify_email = false;
  std::int64_t fee_vnd = 0;
  Timestamp created_at{};
  std::optional<UserId> created_by;
  Timestamp due_at{};
  std::optional<Timestamp> cancelled_at;
  std::optional<Timestamp> last_event_at;  // the latest occurred_at of its events
  int failed_attempts = 0;                  // with status: the state of the status fold
  // When its leg ended (dossier: delivered to the agency; result: first
  // delivery attempt); kept by the database from the events (migration 006).
  std::optional<Timestamp> leg_ended_at;
};

struct Event {
  std::int64_t seq = 0;
  ShipmentId shipment_id{};
  std::string event_id;  // canonical UUID from the scanning device
  domain::EventType type = domain::EventType::accepted;
  OfficeId office_id{};
  Timestamp occurred_at{};
  Timestamp recorded_at{};
  std::optional<UserId> recorded_by;
  std::optional<domain::FailureReason> reason;
  std::optional<std::string> recipient;  // JSON object
  std::optional<std::string> dossier_code;
  std::optional<std::string> note;
  std::string body_hash;  // SHA-256 of the canonical request body, raw bytes
};

// A dossier's status at its agency, as the agency's system posted it.
struct DossierStatus {
  std::int64_t seq = 0;
  ShipmentId shipment_id{};
  std::string event_id;
  domain::AgencyStatus status = domain::AgencyStatus::received;
  Timestamp occurred_at{};
  Timestamp recorded_at{};
  std::optional<UserId> recorded_by;
  std::optional<std::string> note;
  std::string body_hash;  // raw SHA-256
};

struct OutboxMessage {
  MessageId id{};
  ShipmentId shipment_id{};
  // What caused it: a scan (events.seq) or an agency's status
  // (dossier_statuses.seq); exactly one is set.
  std::optional<std::int64_t> event_seq;
  std::optional<std::int64_t> status_seq;
  Channel channel = Channel::sms;
  std::optional<WebhookId> webhook_id;  // webhook deliveries only
  std::string recipient;  // E.164 phone or e-mail address (empty for webhooks): personal data, never logged
  domain::Trigger trigger = domain::EventType::accepted;  // the event type or agency status word
  std::string delivery_id;
  MessageState state = MessageState::pending;
  int attempts = 0;
  Timestamp next_attempt_at{};
  std::optional<std::string> last_error;
  Timestamp created_at{};
  std::optional<Timestamp> sent_at;
  std::optional<Timestamp> claimed_until;  // a dispatcher's lease on it
};

struct Handover {
  HandoverId id{};
  std::string code;
  OfficeId from_office_id{};
  OfficeId to_office_id{};
  HandoverDirection direction = HandoverDirection::dossiers_to_agency;
  HandoverStatus status = HandoverStatus::open;
  Timestamp created_at{};
  std::optional<UserId> created_by;
  std::optional<Timestamp> confirmed_at;
  std::optional<UserId> confirmed_by;
  std::optional<std::string> received_by;
  std::optional<Timestamp> voided_at;
  std::optional<UserId> voided_by;
  std::optional<std::string> void_reason;
};

struct HandoverItem {
  ShipmentId shipment_id{};
  std::string tracking_number;
  ShipmentKind kind = ShipmentKind::dossier;
  ShipmentStatus status = ShipmentStatus::created;
  std::optional<std::string> dossier_code;
  int position = 0;
  bool listed = true;
  std::optional<bool> received;
};

struct Webhook {
  WebhookId id{};
  std::string url;
  std::vector<domain::Trigger> events;  // event types and agency statuses it wants
  std::string secret;
  std::optional<OfficeId> agency_id;  // only this agency's shipments
  Timestamp created_at{};
};

struct OutboxCount {
  Channel channel = Channel::sms;
  MessageState state = MessageState::pending;
  std::int64_t count = 0;
};

// What /metrics reads from the database at each scrape (index reads only).
struct OperationalFigures {
  std::vector<OutboxCount> outbox;
  std::optional<Timestamp> oldest_unsent_created_at;  // of messages pending or failed
  std::int64_t overdue_legs = 0;                      // open legs past their due_at
};

struct StoredResponse {
  std::string request_hash;
  int status = 0;
  std::string content_type;
  std::string body;
};

// One line of the audit trail (migration 007). `detail` is a JSON object
// and, like every field here, never holds a citizen's personal data.
struct AuditEntry {
  std::string actor;   // username, or "system"
  std::string action;  // "scan.recorded", "shipment.created", "login.failed", …
  std::string subject; // tracking number, handover code, username, office code, …
  std::string detail = "{}";
  Timestamp at{};
};

// Filter and keyset position of a shipment list. Shipments come newest
// first; the cursor is the id of the last one of the previous page.
struct ShipmentQuery {
  std::optional<ShipmentKind> kind;
  std::optional<ShipmentStatus> status;
  std::optional<OfficeId> office_id;        // created at, handled by, or agency of
  std::optional<Timestamp> overdue_at;      // due before this, leg open, not cancelled
  std::optional<OfficeId> scope_office_id;  // caller's office scope, if any
  bool scope_is_agency = false;
  std::optional<ShipmentId> before_id;
  int limit = 50;
};

// The events feed (GET /api/v1/events): two streams — scans (events.seq)
// and agency statuses (dossier_statuses.seq) — each in commit order after a
// position, in the caller's scope. One writer commits transactions one after
// another and each seq grows with each insert, so "seq > after" never skips
// a row committed later with a smaller seq. A page merges the two streams by
// recorded_at without reordering either.
struct FeedPosition {
  std::int64_t event_seq = 0;   // the last event read
  std::int64_t status_seq = 0;  // the last agency status read
  bool operator==(const FeedPosition&) const = default;
};

struct FeedQuery {
  FeedPosition after;
  std::optional<OfficeId> agency_id;         // only this agency's shipments
  std::string types;                         // ",accepted,refused," or "" for all
  std::optional<OfficeId> scope_office_id;   // caller's office scope, if any
  bool scope_is_agency = false;
  int limit = 100;
  std::int64_t window = 10000;               // seqs of each stream examined at most (bounds one page's work)
};

struct FeedRow {
  std::int64_t seq = 0;  // in its stream
  std::string event_id;
  std::string tracking_number;
  std::optional<std::string> dossier_code;  // the shipment's
  std::string agency_code;
  domain::Trigger type = domain::EventType::accepted;  // an agency status's row: the status word
  std::string office_code;                             // an agency status's row: the agency
  Timestamp occurred_at{};
  Timestamp recorded_at{};
  FeedPosition cursor;  // resume here to read what follows this row
};

struct FeedPage {
  std::vector<FeedRow> items;
  FeedPosition next;  // resume here: after the last item, or the end of the examined windows
};

}  // namespace tracker::store
