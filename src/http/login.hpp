#pragma once
// The one password login of the API and the login page: refused with a wait
// while the username or the client address is throttled (LoginThrottle),
// counted when it fails, cleared when it succeeds.
#include <boost/asio/awaitable.hpp>
#include <chrono>

#include "context.hpp"
#include "tracker/auth/auth_service.hpp"

namespace tracker::http {

struct LoginOutcome {
  domain::Result<auth::Session> session;
  std::chrono::seconds retry_after{0};  // > 0: throttled, nothing was checked
};

boost::asio::awaitable<LoginOutcome> throttled_login(RequestContext& ctx, std::string username,
                                                     std::string password);

}  // namespace tracker::http
