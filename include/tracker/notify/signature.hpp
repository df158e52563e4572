#pragma once
// The X-Tracker-Signature header of webhook deliveries and SMS gateway
// requests (API.md, Notifications):
//   t=<unix seconds>,v1=<lower-case hex HMAC-SHA256(secret, "<t>.<body>")>
// The secret is taken as its UTF-8 bytes. Pure functions, thread-safe.
#include <cstdint>
#include <string>
#include <string_view>

namespace tracker::notify {

// "t=1764210600,v1=5f0c…" for `body` sent at `unix_seconds`.
std::string signature_header(std::string_view secret, std::int64_t unix_seconds,
                             std::string_view body);

// True when `header` carries a v1 signature of `body` made with `secret`
// (constant-time comparison; several v1 entries are allowed, e.g. during a
// secret rotation, and unknown entries are ignored). The age of t is not
// checked: a receiver that fears replays rejects old t itself.
bool verify_signature(std::string_view header, std::string_view secret, std::string_view body);

}  // namespace tracker::notify
