#pragma once
// From bytes on the wire to our Request, exactly as a session does it
// (Beast's parser with the session's limits, the target split and decoded,
// header names lower-cased), without a socket: for the fuzzer and tests.
// Implemented in server.cpp, the one translation unit that includes Beast.
#include <string_view>

#include "message.hpp"
#include "router.hpp"

namespace tracker::http {

struct WireResult {
  // 0 when `request` holds a whole request; else the status a session
  // answers before closing (400 malformed, 413 body too large, 431 head
  // too large), or -1 when the bytes end before the request does.
  int status = 0;
  Request request;
};

// `router` gives each route's body limit.
WireResult parse_wire_request(std::string_view bytes, const Router& router);

}  // namespace tracker::http
