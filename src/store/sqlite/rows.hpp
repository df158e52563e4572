#pragma once
// Binding and reading helpers shared by the Tx statement files: the one place
// where the words and JSON of the database become domain types and back.
#include <SQLiteCpp/SQLiteCpp.h>

#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>

#include "tracker/store/records.hpp"

namespace tracker::store::sqlite::rows {

inline std::int64_t ms(Timestamp t) { return t.time_since_epoch().count(); }
inline Timestamp ts(std::int64_t v) { return Timestamp(std::chrono::milliseconds(v)); }

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

// A word the schema's CHECK constraints should have refused: the file was
// changed behind the service's back. Broken infrastructure: throws.
template <WordEnum E>
E to_word(std::string_view text) {
  if (auto v = parse_word<E>(text)) return *v;
  throw std::runtime_error("database holds an unknown word: " + std::string(text));
}
template <WordEnum E>
E word(const SQLite::Column& c) {
  return to_word<E>(c.getString());
}
template <WordEnum E>
std::optional<E> opt_word(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return word<E>(c);
}

template <RowId T>
T id(const SQLite::Column& c) {
  return T(c.getInt64());
}
template <RowId T>
std::optional<T> opt_id(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return T(c.getInt64());
}

// put(q, i, v): binds v as parameter i in the database's form (not named
// bind: std::bind would win overload resolution for std::optional arguments).
template <RowId T>
void put(SQLite::Statement& q, int i, T v) {
  q.bind(i, static_cast<std::int64_t>(domain::raw(v)));
}
template <RowId T>
void put(SQLite::Statement& q, int i, const std::optional<T>& v) {
  if (v) put(q, i, *v); else q.bind(i);
}
// The word as stored. One differs from its JSON word: same_commune is kept
// as "local", the word before 2025 (changing the CHECK constraint would mean
// rebuilding the shipments table; parse_route reads both).
template <WordEnum E>
std::string_view stored_word(E v) {
  if constexpr (std::is_same_v<E, domain::Route>) {
    if (v == domain::Route::same_commune) return "local";
  }
  return domain::to_string(v);
}
template <WordEnum E>
void put(SQLite::Statement& q, int i, E v) {
  q.bind(i, std::string(stored_word(v)));
}
template <WordEnum E>
void put(SQLite::Statement& q, int i, const std::optional<E>& v) {
  if (v) put(q, i, *v); else q.bind(i);
}
inline void put(SQLite::Statement& q, int i, const std::optional<std::string>& v) {
  if (v) q.bind(i, *v); else q.bind(i);
}
inline void put(SQLite::Statement& q, int i, const std::optional<std::int64_t>& v) {
  if (v) q.bind(i, static_cast<std::int64_t>(*v)); else q.bind(i);
}
inline void put(SQLite::Statement& q, int i, std::int64_t v) { q.bind(i, v); }
inline void put(SQLite::Statement& q, int i, Timestamp v) {
  q.bind(i, static_cast<std::int64_t>(ms(v)));
}
inline void put(SQLite::Statement& q, int i, const std::optional<Timestamp>& v) {
  if (v) q.bind(i, static_cast<std::int64_t>(ms(*v))); else q.bind(i);
}
// A trigger (an event type or an agency status) as its word.
inline void put(SQLite::Statement& q, int i, const domain::Trigger& v) { q.bind(i, std::string(domain::to_string(v))); }
inline domain::Trigger trigger_word(const SQLite::Column& c) {
  if (auto t = domain::parse_trigger(c.getString())) return *t;
  throw std::runtime_error("database holds an unknown word: " + c.getString());
}
inline void bind_blob(SQLite::Statement& q, int i, const std::string& bytes) {
  q.bind(i, bytes.data(), static_cast<int>(bytes.size()));
}

inline std::optional<std::string> opt_text(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return c.getString();
}
inline std::optional<std::int64_t> opt_int(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return c.getInt64();
}
// A phone number kept in E.164; anything else was not written by the store.
inline std::optional<domain::PhoneNumber> opt_phone(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  auto p = domain::PhoneNumber::parse(c.getString());
  if (!p) throw std::runtime_error("database holds a phone number that is not E.164");
  return *p;
}
inline std::optional<Timestamp> opt_ts(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return ts(c.getInt64());
}
inline std::string blob(const SQLite::Column& c) {
  return std::string(static_cast<const char*>(c.getBlob()), static_cast<std::size_t>(c.getBytes()));
}

// The citizen's address as the JSON object kept in shipments.citizen_address
// ({"line", "commune", "district", "province"}, absent parts left out).
std::string address_json(const domain::Address& a);
domain::Address address_from_json(const std::string& json);

// A webhook's event types and agency statuses as kept in webhooks.events: a
// JSON array of words.
std::string triggers_json(const std::vector<domain::Trigger>& triggers);
std::vector<domain::Trigger> triggers_from_json(const std::string& json);

}  // namespace tracker::store::sqlite::rows
