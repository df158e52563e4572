#include "dispatcher.hpp"

#include <chrono>
#include <cstdio>
#include <boost/json/serialize.hpp>

#include "responses.hpp"
#include "routes/routes.hpp"
#include "tracker/auth/secrets.hpp"
#include "tracker/store/awaitable.hpp"

namespace tracker::http {
namespace asio = boost::asio;
using namespace tracker::domain;

namespace {

constexpr std::size_t kMaxIdempotencyKey = 128;

// The bearer token, else the session cookie.
std::string credential_of(const Request& req) {
  if (auto a = req.header("authorization")) {
    if (a->rfind("Bearer ", 0) == 0) return a->substr(7);
  }
  if (auto cookies = req.header("cookie")) {
    const std::string name = "tracker_session=";
    auto pos = cookies->find(name);
    while (pos != std::string::npos && pos > 0 && (*cookies)[pos - 1] != ' ' && (*cookies)[pos - 1] != ';') {
      pos = cookies->find(name, pos + 1);
    }
    if (pos != std::string::npos) {
      auto start = pos + name.size();
      auto end = cookies->find(';', start);
      return cookies->substr(start, end == std::string::npos ? std::string::npos : end - start);
    }
  }
  return "";
}

}  // namespace

Dispatcher::Dispatcher(Services services, ServerOptions options)
    : services_(services),
      options_(std::move(options)),
      router_(make_router()),
      lookup_limiter_(options_.lookups_per_minute) {}

asio::awaitable<Response> Dispatcher::handle(const Request& req) {
  auto started = std::chrono::steady_clock::now();
  auto match = router_.match(req.method, req.path);
  std::string route_name = match.route ? match.route->pattern : "unmatched";
  Response response;
  RequestContext ctx(req, std::move(match.params), services_, options_,
                     Internals{metrics_, lookup_limiter_});
  try {
    if (!match.route && match.allowed.empty()) {
      response = problem(make_error(Errc::not_found, "no_such_path", "No such path."), ctx.language());
    } else if (!match.route) {
      Error e{Errc::invalid, "method_not_allowed", "This path does not take " + req.method + ".", {}};
      response = problem(e, ctx.language());
      response.status = 405;
      response.body = boost::json::serialize([&] {
        auto b = problem_body(e, ctx.language());
        b["status"] = 405;
        b["title"] = ctx.language() == Language::en ? "Method not allowed" : "Phương thức không được hỗ trợ";
        return b;
      }());
      std::string allow;
      for (const auto& m : match.allowed) allow += (allow.empty() ? "" : ", ") + m;
      response.headers.emplace_back("Allow", allow);
    } else {
      response = co_await run(*match.route, ctx);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s %s: %s\n", req.method.c_str(), route_name.c_str(), e.what());
    response = problem(make_error(Errc::internal, "internal", ""), ctx.language());
  }
  if (req.method == "HEAD") response.body.clear();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  // Only known methods become metric labels: a client must not grow the map.
  static const std::set<std::string> kMethods = {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"};
  metrics_.observe(kMethods.contains(req.method) ? req.method : "OTHER", route_name, response.status, seconds);
  co_return response;
}

asio::awaitable<Response> Dispatcher::run(const Route& route, RequestContext& ctx) {
  if (route.access == Access::staff) {
    auto credential = credential_of(ctx.request());
    auto principal = services_.auth.authenticate(credential);
    if (!principal) co_return problem(principal.error(), ctx.language());
    ctx.set_principal(std::move(*principal), credential);
    if (route.creates) {
      if (auto key = ctx.request().header("idempotency-key")) {
        co_return co_await run_idempotent(route, ctx, *key);
      }
    }
  }
  co_return co_await route.handler(ctx);
}

// The first response to a key is stored after the handler's own commit and
// replayed for the same request; another request with the key is 409. Two
// copies racing are kept apart by the in-flight set. Known gap: the stored
// response is a second transaction, so a crash between the two commits
// loses the key (a retry then creates again).
asio::awaitable<Response> Dispatcher::run_idempotent(const Route& route, RequestContext& ctx,
                                                     const std::string& key) {
  if (key.empty() || key.size() > kMaxIdempotencyKey) {
    co_return problem(field_error("Idempotency-Key", "invalid_idempotency_key",
                                  "Idempotency-Key is 1 to 128 characters."), ctx.language());
  }
  const auto& req = ctx.request();
  auto user = ctx.principal().user_id;
  auto request_hash = auth::sha256(req.method + " " + req.path + "\n" + req.body);
  // The slot first, then the lookup: a copy that finished meanwhile is seen.
  {
    std::lock_guard lock(in_flight_mu_);
    if (!in_flight_.insert({user, key}).second) {
      co_return problem(make_error(Errc::conflict, "idempotency_key_in_use",
                                   "A request with this Idempotency-Key is still running."), ctx.language());
    }
  }
  struct Release {
    Dispatcher* d;
    std::pair<std::int64_t, std::string> k;
    ~Release() {
      std::lock_guard lock(d->in_flight_mu_);
      d->in_flight_.erase(k);
    }
  } release{this, {user, key}};
  auto stored = services_.store.read([&](store::Tx& tx) { return tx.find_stored_response(user, key); });
  if (stored) {
    if (stored->request_hash != request_hash) {
      co_return problem(make_error(Errc::conflict, "idempotency_key_reused",
                                   "This Idempotency-Key was used for another request."), ctx.language());
    }
    Response r{stored->status, stored->content_type, stored->body, {{"Idempotent-Replayed", "true"}}};
    co_return r;
  }
  auto response = co_await route.handler(ctx);
  if (response.status >= 200 && response.status < 300) {
    store::StoredResponse s{request_hash, response.status, response.content_type, response.body};
    std::function<domain::Result<Ok>(store::Tx&)> job1 =
        [user, key, s](store::Tx& tx) -> Result<Ok> {
      tx.insert_stored_response(user, key, s, std::chrono::time_point_cast<std::chrono::milliseconds>(
                                                  std::chrono::system_clock::now()));
      return Ok{};
    };
    auto saved = co_await store::write_async<Ok>(services_.store, std::move(job1));
    if (!saved) co_return problem(saved.error(), ctx.language());
  }
  co_return response;
}

}  // namespace tracker::http
