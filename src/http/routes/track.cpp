// GET /api/v1/track/{code}: the public lookup, no login, no personal data.
#include "../context.hpp"
#include "../rate_limiter.hpp"
#include "../render.hpp"
#include "../responses.hpp"
#include "handlers.hpp"
#include "routes.hpp"

namespace tracker::http {
namespace asio = boost::asio;
using asio::awaitable;
namespace json = boost::json;
using namespace tracker::domain;

namespace track_api {

awaitable<Response> get_track(RequestContext& ctx) {
  if (auto wait = ctx.internals().lookup_limiter.wait(ctx.request().client_address); wait.count() > 0) {
    co_return too_many(make_error(Errc::too_many, "rate_limited", "Too many lookups; try again in a minute."),
                       ctx.language(), wait);
  }
  auto last4 = ctx.request().query_param("phone_last4");
  auto found = ctx.services().lookup.lookup(ctx.param("code"), last4);
  if (!found) co_return problem(found.error(), ctx.language());
  json::array shipments;
  for (const auto& s : *found) shipments.push_back(public_shipment_json(s, ctx.language()));
  auto r = json_response(200, {{"shipments", std::move(shipments)}});
  r.headers.emplace_back("Cache-Control", "no-store");
  co_return r;
}

}  // namespace track_api

}  // namespace tracker::http
