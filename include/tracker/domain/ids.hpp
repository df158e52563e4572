#pragma once
// Identifiers. Rows of different tables have distinct id types, so passing an
// office's id where a shipment's is wanted does not compile; raw() gives the
// number where it leaves the program (SQL parameters, JSON, paths). Event ids
// are the UUIDs a scanning device gives each scan.
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

#include "tracker/domain/result.hpp"

namespace tracker::domain {

enum class ShipmentId : std::int64_t {};
enum class OfficeId : std::int64_t {};
enum class UserId : std::int64_t {};
enum class HandoverId : std::int64_t {};
enum class WebhookId : std::int64_t {};
enum class MessageId : std::int64_t {};  // a row of the outbox

template <class Id>
  requires std::is_enum_v<Id>
constexpr std::int64_t raw(Id id) {
  return static_cast<std::int64_t>(id);
}

// Accepts exactly the 8-4-4-4-12 hexadecimal form (either case; no braces,
// no "urn:uuid:", no surrounding spaces) and returns it in lower case.
// Anything else is Errc::invalid, code "invalid_uuid", on field "event_id".
Result<std::string> parse_uuid(std::string_view text);

}  // namespace tracker::domain
