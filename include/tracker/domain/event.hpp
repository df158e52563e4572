#pragma once
// The tracking vocabulary: what kind of shipment, what happened to it, why a
// delivery failed, the status a shipment is in, who took it. Each enum has
// to_string() (its stable snake_case word, used in JSON and the database),
// parse_<name>() (the inverse; nullopt for an unknown word, case-sensitive)
// and all_<plural>() (every value, in declaration order). The human texts
// come in Vietnamese (first) and English.
#include <optional>
#include <string_view>
#include <variant>
#include <vector>

#include "tracker/domain/vocabulary.hpp"

namespace tracker::domain {

// dossier: citizen -> agency; result: agency -> citizen.
enum class ShipmentKind { dossier, result };

// A scan. The UPU EMSEVT code, where one fits, is upu_code().
enum class EventType {
  accepted,          // EMA: collected from the sender
  dispatched,        // EMC: left an office
  arrived,           // EMG: arrived at an office
  out_for_delivery,  // EDG: with the postal worker for delivery
  delivery_failed,   // EMH: attempt failed; carries a FailureReason
  held,              // EDH: kept at an office for collection
  delivered,         // EMI: handed to the agency or the citizen / proxy
  returned,          // result went back to the agency after failed attempts
};

enum class FailureReason {
  addressee_absent,
  address_incomplete,
  address_not_found,
  moved,
  refused,
  no_such_person,
  deceased,
  id_not_presented,
  proxy_not_authorised,
  premises_closed,
  other,
};

enum class ShipmentStatus {
  created,
  accepted,
  in_transit,
  out_for_delivery,
  delivery_failed,
  held,
  delivered,
  returned,
  cancelled,
  return_due,  // two failed attempts at least two working days apart: goes back to the agency
};

// Who took a result: the citizen, or a proxy with a written authorisation.
enum class RecipientRelation { self, proxy };

// The ID shown on delivery: citizen identity card (CCCD), passport, other.
enum class IdType { cccd, passport, other };

enum class Language { vi, en };

std::string_view to_string(ShipmentKind v);
std::string_view to_string(EventType v);
std::string_view to_string(FailureReason v);
std::string_view to_string(ShipmentStatus v);
std::string_view to_string(RecipientRelation v);
std::string_view to_string(IdType v);
std::string_view to_string(Language v);

std::optional<ShipmentKind> parse_shipment_kind(std::string_view text);
std::optional<EventType> parse_event_type(std::string_view text);
std::optional<FailureReason> parse_failure_reason(std::string_view text);
std::optional<ShipmentStatus> parse_shipment_status(std::string_view text);
std::optional<RecipientRelation> parse_recipient_relation(std::string_view text);
std::optional<IdType> parse_id_type(std::string_view text);
std::optional<Language> parse_language(std::string_view text);

const std::vector<ShipmentKind>& all_shipment_kinds();
const std::vector<EventType>& all_event_types();
const std::vector<FailureReason>& all_failure_reasons();
const std::vector<ShipmentStatus>& all_shipment_statuses();
const std::vector<RecipientRelation>& all_recipient_relations();
const std::vector<IdType>& all_id_types();
const std::vector<Language>& all_languages();

// The UPU EMSEVT event code ("EMA", "EMC", "EMG", "EDG", "EMH", "EDH",
// "EMI"); "" for returned, which has none.
std::string_view upu_code(EventType type);

// The status word a citizen sees ("Đang vận chuyển" / "In transit").
std::string_view status_text(ShipmentStatus status, Language lang);

// One line of the public timeline; depends on the leg, e.g. delivered of a
// dossier is "Đã giao hồ sơ cho cơ quan tiếp nhận", of a result
// "Đã phát kết quả cho người nhận".
std::string_view event_text(EventType type, ShipmentKind kind, Language lang);

// Why a delivery attempt failed ("Người nhận vắng nhà").
std::string_view reason_text(FailureReason reason, Language lang);

// A dossier's status at its agency in plain words ("Cơ quan yêu cầu bổ sung
// hồ sơ"), and what the citizen should do about it ("" when nothing).
std::string_view agency_status_text(AgencyStatus status, Language lang);
std::string_view agency_status_advice(AgencyStatus status, Language lang);

// What a notification or a feed item is about: a scan of the postal leg or a
// status from the agency's system. Their words never coincide, so one word
// names either ("delivered", "supplement_requested").
using Trigger = std::variant<EventType, AgencyStatus>;
std::string_view to_string(const Trigger& t);
std::optional<Trigger> parse_trigger(std::string_view text);

}  // namespace tracker::domain
