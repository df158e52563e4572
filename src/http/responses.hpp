#pragma once
// Building responses: JSON bodies and the one place that maps errors to
// HTTP status + application/problem+json (RFC 9457).
#include <boost/json/value.hpp>
#include <chrono>
#include <optional>

#include "message.hpp"
#include "tracker/domain/event.hpp"
#include "tracker/domain/ids.hpp"
#include "tracker/domain/result.hpp"

namespace tracker::http {

Response json_response(int status, const boost::json::value& body);
// One page of a list: {"items": […], "next_cursor": "<id>" | null}.
Response list_response(boost::json::array items, std::optional<std::int64_t> next_before_id);
template <class Id>
  requires std::is_enum_v<Id>
Response list_response(boost::json::array items, std::optional<Id> next_before_id) {
  return list_response(std::move(items),
                       next_before_id ? std::optional<std::int64_t>(domain::raw(*next_before_id)) : std::nullopt);
}
Response problem(const domain::Error& e, domain::Language lang = domain::Language::vi);
// 429 with Retry-After: how long the client must wait.
Response too_many(const domain::Error& e, domain::Language lang, std::chrono::seconds retry_after);
int status_of(domain::Errc e);
boost::json::object problem_body(const domain::Error& e, domain::Language lang);

// The staff session cookie (HttpOnly, SameSite=Strict, Path=/) and the one
// that clears it.
inline constexpr std::string_view kSessionCookie = "tracker_session";
std::string session_cookie(const std::string& token);
std::string expired_session_cookie();

}  // namespace tracker::http
