#pragma once
// The forms domain values take in a database column, for every backend:
// enumerations as their snake_case words, the citizen's address and a
// webhook's triggers as JSON text. Private to src/store.
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "tracker/store/records.hpp"

namespace tracker::store::columns {

// Row ids of the tables (domain/ids.hpp).
template <class T>
concept RowId = std::is_same_v<T, ShipmentId> || std::is_same_v<T, OfficeId> ||
                std::is_same_v<T, UserId> || std::is_same_v<T, HandoverId> ||
                std::is_same_v<T, WebhookId> || std::is_same_v<T, MessageId>;

// Enumerations kept as their snake_case words.
template <class E>
concept WordEnum = std::is_enum_v<E> && !RowId<E> && requires(E e) { domain::to_string(e); };

template <WordEnum E>
std::optional<E> parse_word(std::string_view t) {
  using namespace domain;
  if constexpr (std::is_same_v<E, ShipmentKind>) return parse_shipment_kind(t);
  else if constexpr (std::is_same_v<E, ShipmentStatus>) return parse_shipment_status(t);
  else if constexpr (std::is_same_v<E, EventType>) return parse_event_type(t);
  else if constexpr (std::is_same_v<E, FailureReason>) return parse_failure_reason(t);
  else if constexpr (std::is_same_v<E, Route>) return parse_route(t);
  else if constexpr (std::is_same_v<E, OfficeKind>) return parse_office_kind(t);
  else if constexpr (std::is_same_v<E, Role>) return parse_role(t);
  else if constexpr (std::is_same_v<E, Channel>) return parse_channel(t);
  else if constexpr (std::is_same_v<E, MessageState>) return parse_message_state(t);
  else if constexpr (std::is_same_v<E, HandoverDirection>) return parse_handover_direction(t);
  else if constexpr (std::is_same_v<E, HandoverStatus>) return parse_handover_status(t);
  else if constexpr (std::is_same_v<E, TokenKind>) return parse_token_kind(t);
  else if constexpr (std::is_same_v<E, AgencyStatus>) return parse_agency_status(t);
  else if constexpr (std::is_same_v<E, CalendarName>) return parse_calendar_name(t);
  else if constexpr (std::is_same_v<E, DayKind>) return parse_day_kind(t);
  else static_assert(!sizeof(E), "no parser for this enumeration");
}

// A word the schema's CHECK constraints should have refused: the database
// was changed behind the service's back. Broken infrastructure: throws.
template <WordEnum E>
E to_word(std::string_view text) {
  if (auto v = parse_word<E>(text)) return *v;
  throw std::runtime_error("database holds an unknown word: " + std::string(text));
}

// The word as stored. One differs from its JSON word: same_commune is kept
// as "local", the word before 2025 (changing SQLite's CHECK constraint would
// mean rebuilding the shipments table; parse_route reads both).
template <WordEnum E>
std::string_view stored_word(E v) {
  if constexpr (std::is_same_v<E, domain::Route>) {
    if (v == domain::Route::same_commune) return "local";
  }
  return domain::to_string(v);
}

// An event type or an agency status, from its word.
inline domain::Trigger to_trigger(std::string_view text) {
  if (auto t = domain::parse_trigger(text)) return *t;
  throw std::runtime_error("database holds an unknown word: " + std::string(text));
}

// A phone number kept in E.164; anything else was not written by the store.
inline domain::PhoneNumber to_phone(std::string_view text) {
  auto p = domain::PhoneNumber::parse(text);
  if (!p) throw std::runtime_error("database holds a phone number that is not E.164");
  return *p;
}

// A date kept as YYYY-MM-DD.
std::chrono::year_month_day to_date(const std::string& text);

// The citizen's address as the JSON object kept in shipments.citizen_address
// ({"line", "commune", "district", "province", "commune_code",
// "province_code"}, absent parts left out).
std::string address_json(const domain::Address& a);
domain::Address address_from_json(std::string_view json);

// A webhook's event types and agency statuses as kept in webhooks.events: a
// JSON array of words.
std::string triggers_json(const std::vector<domain::Trigger>& triggers);
std::vector<domain::Trigger> triggers_from_json(std::string_view json);

}  // namespace tracker::store::columns
