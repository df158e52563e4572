#pragma once
// The route table: method + path pattern ("/api/v1/shipments/{tracking_number}")
// to a handler. Tells an unknown path (404) from a known path with the wrong
// method (405 with Allow). Filled once at start, then read-only: thread-safe.
#include <boost/asio/awaitable.hpp>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "message.hpp"

namespace tracker::http {

class RequestContext;
using Handler = std::function<boost::asio::awaitable<Response>(RequestContext&)>;

enum class Access {
  public_,  // no credentials needed
  staff,    // a bearer token or session cookie
  page,     // staff HTML page: without a session, 303 to the login page
};

struct Route {
  std::string method;
  std::string pattern;
  Handler handler;
  Access access = Access::staff;
  bool creates = false;  // honours Idempotency-Key
};

struct Match {
  const Route* route = nullptr;
  std::map<std::string, std::string> params;
  std::vector<std::string> allowed;  // when the path matched but not the method
};

class Router {
 public:
  void add(std::string method, std::string pattern, Handler h, Access access = Access::staff,
           bool creates = false);
  Match match(const std::string& method, const std::string& path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace tracker::http
