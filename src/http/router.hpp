#pragma once
// The route table: method + path pattern ("/api/v1/shipments/{tracking_number}")
// to a handler and what the server must know of the route before calling it:
// who may call it, how large its body may be, whether it honours an
// Idempotency-Key, and whether a miss near it is answered as a page. Tells an
// unknown path (404) from a known path with the wrong method (405 with
// Allow). Filled once at start (routes/routes.cpp), then read-only:
// thread-safe.
#include <boost/asio/awaitable.hpp>
#include <cstdint>
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

// The largest body a route reads (API.md "Limits"): 413 beyond it.
enum class BodyLimit : std::uint64_t {
  json = 1024 * 1024,       // JSON and form bodies: 1 MiB
  image = 8 * 1024 * 1024,  // photos to decode: 8 MiB
};

enum class Idempotency {
  none,   // a retry repeats the request
  keyed,  // an Idempotency-Key replays the first answer (creating requests)
};

// How a path that matches no route near this one is answered: a problem
// (programs call the API) or a page with the way home (people browse).
enum class Miss { problem, page };

// Whether an agency's information system (role agency_system, bearer
// token only) may call a staff route: only the few made for it.
enum class Systems { refused, allowed };

struct RouteSpec {
  Access access = Access::staff;
  Systems systems = Systems::refused;
  BodyLimit body = BodyLimit::json;
  Idempotency idempotency = Idempotency::none;
  Miss miss = Miss::problem;
};

struct Route {
  std::string method;
  std::string pattern;
  Handler handler;
  RouteSpec spec;
};

struct Match {
  const Route* route = nullptr;
  std::map<std::string, std::string> params;
  std::vector<std::string> allowed;  // when the path matched but not the method
  // No route: the one whose pattern shares the most leading segments with
  // the path (nullptr when none shares one); its Miss says how to answer.
  const Route* nearest = nullptr;
};

class Router {
 public:
  void add(std::string method, std::string pattern, Handler h, RouteSpec spec = {});
  Match match(const std::string& method, const std::string& path) const;
  // The body limit of a request for `path` (of any method): the matched
  // route's, else the JSON limit (an unknown path is refused after its body).
  std::uint64_t body_limit(const std::string& path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
  std::vector<std::vector<std::string>> split_;  // each route's pattern in segments
};

}  // namespace tracker::http
