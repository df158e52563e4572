#pragma once
// Validated requests, in domain types: the HTTP layer parses JSON into these
// (answering 400/422 itself), the services apply the business rules.
#include <optional>
#include <string>
#include <vector>

#include "tracker/domain/address.hpp"
#include "tracker/domain/deadline.hpp"
#include "tracker/domain/dossier_code.hpp"
#include "tracker/domain/event.hpp"
#include "tracker/domain/phone.hpp"
#include "tracker/domain/time.hpp"
#include "tracker/domain/tracking_number.hpp"
#include "tracker/domain/vocabulary.hpp"

namespace tracker::tracking {

struct NewOffice {
  std::string code;
  domain::OfficeKind kind = domain::OfficeKind::post_office;
  std::string name;
  std::string province;  // free text; replaced by the unit's name when commune_code is given
  std::string commune;
  std::string address;
  std::optional<std::string> agency_code;
  std::optional<std::string> commune_code;
  std::optional<std::string> dossier_code_pattern;
};

// PATCH /api/v1/offices/{code}: the fields given change, the rest stays.
struct OfficeChange {
  std::optional<std::string> name;
  std::optional<std::string> address;
  std::optional<std::string> commune_code;
  std::optional<std::string> agency_code;
  // Given: set (a pattern) or cleared (nullopt inside).
  std::optional<std::optional<std::string>> dossier_code_pattern;
  // Given: the calendar the office works by, or cleared (its kind's default).
  std::optional<std::optional<domain::CalendarName>> calendar;
};

struct NewShipment {
  domain::ShipmentKind kind = domain::ShipmentKind::dossier;
  std::string agency;  // office code of the competent agency
  std::optional<std::string> receiving_office;  // office code of the centre or post office it was handed in at
  domain::Route route = domain::Route::same_commune;
  std::string procedure_code;
  std::string procedure_name;
  std::optional<domain::DossierCode> dossier_code;
  std::string citizen_name;
  std::optional<domain::PhoneNumber> citizen_phone;
  std::optional<std::string> citizen_email;
  domain::Address citizen_address;
  std::string documents_json = "[]";
  bool notify_sms = false;
  bool notify_email = false;
  std::int64_t fee_vnd = 0;
  std::optional<std::string> office;  // creating office; only admins choose it
};

struct Recipient {
  std::string name;
  domain::RecipientRelation relation = domain::RecipientRelation::self;
  domain::IdType id_type = domain::IdType::cccd;
};

struct ScanRequest {
  std::string event_id;  // canonical UUID
  domain::TrackingNumber tracking_number;
  domain::EventType type = domain::EventType::accepted;
  std::string office;
  domain::Timestamp occurred_at{};
  std::optional<domain::FailureReason> reason;
  std::optional<Recipient> recipient;
  std::optional<domain::DossierCode> dossier_code;
  std::optional<std::string> note;
  std::string body_hash;  // SHA-256 of the canonical form (see canonical_form)
};

// A stable text of every field of the scan, for "same event_id, same body?".
std::string canonical_form(const ScanRequest& s);

}  // namespace tracker::tracking
