#pragma once
// Rows as the store reads and writes them: plain values in our own types.
// Enumerations travel as their snake_case words; the services turn them into
// domain types.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tracker/domain/time.hpp"

namespace tracker::store {

using domain::Timestamp;

struct Office {
  std::int64_t id = 0;
  std::string code;
  std::string kind;  // post_office | agency
  std::string name;
  std::string province;
  std::string commune;
  std::string address;
  std::optional<std::string> agency_code;
};

struct User {
  std::int64_t id = 0;
  std::string username;
  std::string display_name;
  std::string role;  // postal_worker | clerk | supervisor | admin
  std::optional<std::int64_t> office_id;
  std::string password_hash;  // empty: no password login
};

struct Shipment {
  std::int64_t id = 0;
  std::string tracking_number;
  std::string kind;    // dossier | result
  std::string status;  // derived from the events; cached here
  std::string route;
  std::int64_t office_id = 0;  // where it was created
  std::int64_t agency_id = 0;  // the agency it goes to (dossier) or comes from (result)
  std::optional<std::string> dossier_code;
  std::optional<std::int64_t> linked_id;
  std::string procedure_code;
  std::string procedure_name;
  std::string citizen_name;
  std::optional<std::string> citizen_phone;  // E.164
  std::optional<std::string> citizen_email;
  std::string citizen_address = "{}";  // JSON object
  std::string documents = "[]";        // JSON array
  bool notify_sms = false;
  bool notify_email = false;
  std::int64_t fee_vnd = 0;
  Timestamp created_at{};
  std::optional<std::int64_t> created_by;
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
  std::int64_t shipment_id = 0;
  std::string event_id;  // canonical UUID from the scanning device
  std::string type;
  std::int64_t office_id = 0;
  Timestamp occurred_at{};
  Timestamp recorded_at{};
  std::optional<std::int64_t> recorded_by;
  std::optional<std::string> reason;
  std::optional<std::string> recipient;  // JSON object
  std::optional<std::string> dossier_code;
  std::optional<std::string> note;
  std::string body_hash;  // SHA-256 of the canonical request body, raw bytes
};

struct EventFactRow {
  std::int64_t seq = 0;
  std::string type;
  Timestamp occurred_at{};
};

struct OutboxMessage {
  std::int64_t id = 0;
  std::int64_t shipment_id = 0;
  std::int64_t event_seq = 0;
  std::string channel;    // sms | email | webhook
  std::optional<std::int64_t> webhook_id;  // webhook deliveries only
  std::string recipient;  // E.164 phone or e-mail address (empty for webhooks): personal data, never logged
  std::string trigger;    // the event type that caused it
  std::string delivery_id;
  std::string state = "pending";
  int attempts = 0;
  Timestamp next_attempt_at{};
  std::optional<std::string> last_error;
  Timestamp created_at{};
  std::optional<Timestamp> sent_at;
};

struct Handover {
  std::int64_t id = 0;
  std::string code;
  std::int64_t from_office_id = 0;
  std::int64_t to_office_id = 0;
  std::string direction;  // dossiers_to_agency | results_from_agency
  std::string status;     // open | confirmed | voided
  Timestamp created_at{};
  std::optional<std::int64_t> created_by;
  std::optional<Timestamp> confirmed_at;
  std::optional<std::int64_t> confirmed_by;
  std::optional<std::string> received_by;
  std::optional<Timestamp> voided_at;
  std::optional<std::int64_t> voided_by;
  std::optional<std::string> void_reason;
};

struct HandoverItem {
  std::int64_t shipment_id = 0;
  std::string tracking_number;
  std::string kind;
  std::string status;
  std::optional<std::string> dossier_code;
  int position = 0;
  bool listed = true;
  std::optional<bool> received;
};

struct Webhook {
  std::int64_t id = 0;
  std::string url;
  std::vector<std::string> events;  // event types it wants
  std::string secret;
  std::optional<std::int64_t> agency_id;  // only this agency's shipments
  Timestamp created_at{};
};

struct OutboxCount {
  std::string channel;
  std::string state;
  std::int64_t count = 0;
};

struct StoredResponse {
  std::string request_hash;
  int status = 0;
  std::string content_type;
  std::string body;
};

// Filter and keyset position of a shipment list. Shipments come newest
// first; the cursor is the id of the last one of the previous page.
// One line of the audit trail (migration 007). `detail` is a JSON object
// and, like every field here, never holds a citizen's personal data.
struct AuditEntry {
  std::string actor;   // username, or "system"
  std::string action;  // "scan.recorded", "shipment.created", "login.failed", …
  std::string subject; // tracking number, handover code, username, office code, …
  std::string detail = "{}";
  Timestamp at{};
};

struct ShipmentQuery {
  std::optional<std::string> kind;
  std::optional<std::string> status;
  std::optional<std::int64_t> office_id;       // created at, handled by, or agency of
  std::optional<Timestamp> overdue_at;         // due before this, leg open, not cancelled
  std::optional<std::int64_t> scope_office_id; // caller's office scope, if any
  bool scope_is_agency = false;
  std::optional<std::int64_t> before_id;
  int limit = 50;
};

}  // namespace tracker::store
