#pragma once
// From a parsed request to a response: route match (404/405), credentials
// (401), Idempotency-Key replay, the handler, metrics, and the one catch
// that turns an exception into a bare 500. Thread-safe.
#include <boost/asio/awaitable.hpp>
#include <mutex>
#include <set>

#include "context.hpp"
#include "metrics.hpp"
#include "pages/html.hpp"
#include "rate_limiter.hpp"
#include "router.hpp"

namespace tracker::http {

class Dispatcher {
 public:
  Dispatcher(Services services, ServerOptions options);
  // The route for a request whose head is read: the server asks it before
  // the body (the route's body limit) and hands it back with the request.
  Match match(const Request& req) const;
  boost::asio::awaitable<Response> handle(const Request& req, Match match);
  const Router& router() const { return router_; }

 private:
  boost::asio::awaitable<Response> run(const Route& route, RequestContext& ctx);
  boost::asio::awaitable<Response> run_idempotent(const Route& route, RequestContext& ctx,
                                                  const std::string& key);

  Services services_;
  ServerOptions options_;
  Router router_;
  pages::Templates pages_;
  Metrics metrics_;
  RateLimiter lookup_limiter_;
  LoginThrottle login_throttle_;
  std::mutex in_flight_mu_;
  std::set<std::pair<domain::UserId, std::string>> in_flight_;
};

}  // namespace tracker::http
