#pragma once
// Identifiers that clients make, such as the event_id a scanning device
// gives each scan.
#include <string>
#include <string_view>

#include "tracker/domain/result.hpp"

namespace tracker::domain {

// Accepts exactly the 8-4-4-4-12 hexadecimal form (either case; no braces,
// no "urn:uuid:", no surrounding spaces) and returns it in lower case.
// Anything else is Errc::invalid, code "invalid_uuid", on field "event_id".
Result<std::string> parse_uuid(std::string_view text);

}  // namespace tracker::domain
