#include "login.hpp"

#include "rate_limiter.hpp"

namespace tracker::http {

boost::asio::awaitable<LoginOutcome> throttled_login(RequestContext& ctx, std::string username,
                                                     std::string password) {
  auto& throttle = ctx.internals().login_throttle;
  const auto& address = ctx.request().client_address;
  if (auto wait = throttle.wait(username, address); wait.count() > 0) {
    co_return LoginOutcome{domain::make_error(domain::Errc::too_many, "login_throttled",
                                              "Too many failed logins; wait before trying again."),
                           wait};
  }
  auto session = co_await ctx.services().auth.login(username, std::move(password));
  if (session) {
    throttle.succeeded(username, address);
  } else if (session.error().errc == domain::Errc::unauthenticated) {
    throttle.failed(username, address);
  }
  co_return LoginOutcome{std::move(session), std::chrono::seconds(0)};
}

}  // namespace tracker::http
