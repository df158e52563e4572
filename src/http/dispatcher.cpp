#include "dispatcher.hpp"

#include <chrono>
#include <cstdio>
#include <boost/json/serialize.hpp>

#include "pages/page.hpp"
#include "parse.hpp"
#include "request_log.hpp"
#include "responses.hpp"
#include "routes/routes.hpp"
#include "tracker/auth/secrets.hpp"
#include "tracker/store/awaitable.hpp"

namespace tracker::http {
namespace asio = boost::asio;
using namespace tracker::domain;

namespace {

constexpr std::size_t kMaxIdempotencyKey = 128;

struct Credential {
  std::string token;
  bool from_cookie = false;
};

// The bearer token, else the session cookie.
Credential credential_of(const Request& req) {
  if (auto a = req.header("authorization")) {
    if (a->rfind("Bearer ", 0) == 0) return {a->substr(7), false};
  }
  if (auto session = req.cookie(kSessionCookie)) return {*session, true};
  return {};
}

bool is_safe_method(const std::string& m) { return m == "GET" || m == "HEAD" || m == "OPTIONS"; }

// A cookie-authenticated write must carry the session's CSRF token: the
// X-CSRF-Token header (scripts) or a "csrf" form field (HTML forms).
bool csrf_ok(const Request& req, const std::string& session) {
  auto expected = auth::csrf_token(session);
  if (auto h = req.header("x-csrf-token")) return *h == expected;
  if (req.header("content-type").value_or("").rfind("application/x-www-form-urlencoded", 0) == 0) {
    auto form = parse_form(req.body);
    auto it = form.find("csrf");
    return it != form.end() && it->second == expected;
  }
  return false;
}

// Security headers on every answer (pages, API, assets): no framing, no
// sniffing, no inline script or style, no referrer leaving the site.
void add_security_headers(Response& r) {
  static const std::string csp = "default-src 'self'; script-src 'self'; style-src 'self' " +
                                 pages::inline_style_source() +
                                 "; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; "
                                 "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
  r.headers.emplace_back("Content-Security-Policy", csp);
  r.headers.emplace_back("Referrer-Policy", "same-origin");
  r.headers.emplace_back("X-Frame-Options", "DENY");
}

pages::Templates load_pages() {
  auto texts = pages::Texts::load_builtin();
  if (!texts) throw std::runtime_error("page texts: " + texts.error().detail);
  auto templates = pages::Templates::load_builtin(*texts);
  if (!templates) throw std::runtime_error("page templates: " + templates.error().detail);
  return std::move(*templates);
}

// 303 to the login page, which comes back here afterwards.
Response login_redirect(const Request& req) {
  std::string next = req.method == "GET" ? req.target : "/staff";
  return Response{303, "text/plain; charset=utf-8", "", {{"Location", "/staff/login?next=" + pages::percent_encode(next, "/")},
                                                         {"Cache-Control", "no-store"}}};
}

}  // namespace

Dispatcher::Dispatcher(Services services, ServerOptions options)
    : services_(services),
      options_(std::move(options)),
      router_(make_router()),
      pages_(load_pages()),
      lookup_limiter_(options_.lookups_per_minute, services.clock),
      login_throttle_(services.clock) {}

Match Dispatcher::match(const Request& req) const { return router_.match(req.method, req.path); }

asio::awaitable<Response> Dispatcher::handle(const Request& req, Match match) {
  auto started = std::chrono::steady_clock::now();
  std::string route_name = match.route ? match.route->pattern : "unmatched";
  Response response;
  try {
    if (match.route) {
      RequestContext ctx(req, std::move(match.params), services_, options_,
                         Internals{metrics_, lookup_limiter_, login_throttle_, pages_});
      response = co_await run(*match.route, ctx);
    } else if (!match.allowed.empty()) {
      response = problem(make_error(Errc::method_not_allowed, "method_not_allowed",
                                    "This path does not take " + req.method + "."), request_language(req));
      std::string allow;
      for (const auto& m : match.allowed) allow += (allow.empty() ? "" : ", ") + m;
      response.headers.emplace_back("Allow", allow);
    } else if (!match.nearest || match.nearest->spec.miss == Miss::page) {
      response = pages::not_found_page(pages_, req);
    } else {
      response = problem(make_error(Errc::not_found, "no_such_path", "No such path."), request_language(req));
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: request id=%s method=%s route=%s: %s\n", req.request_id.c_str(),
                 std::string(known_method(req.method)).c_str(), route_name.c_str(), e.what());
    response = problem(make_error(Errc::internal, "internal", ""), request_language(req));
  }
  add_security_headers(response);
  if (req.method == "HEAD") response.body.clear();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  // Only known methods become metric labels: a client must not grow the map.
  metrics_.observe(std::string(known_method(req.method)), route_name, response.status, seconds);
  co_return response;
}

asio::awaitable<Response> Dispatcher::run(const Route& route, RequestContext& ctx) {
  if (route.spec.access != Access::public_) {
    auto credential = credential_of(ctx.request());
    auto principal = services_.auth.authenticate(credential.token);
    if (!principal) {
      if (route.spec.access == Access::page) co_return login_redirect(ctx.request());
      co_return problem(principal.error(), ctx.language());
    }
    if (credential.from_cookie && !is_safe_method(ctx.request().method) && !csrf_ok(ctx.request(), credential.token)) {
      co_return problem(make_error(Errc::forbidden, "csrf_token_missing",
                                   "A write with the session cookie needs the page's X-CSRF-Token."),
                        ctx.language());
    }
    if (principal->role == auth::Role::agency_system && route.spec.systems != Systems::allowed) {
      co_return problem(make_error(Errc::forbidden, "forbidden",
                                   "An agency's system posts dossier statuses and reads the events feed only."),
                        ctx.language());
    }
    ctx.set_principal(std::move(*principal), credential.token);
    if (route.spec.idempotency == Idempotency::keyed) {
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
    std::pair<domain::UserId, std::string> k;
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
