// GET /api/v1/track/{code}: the public lookup, no login, no personal data.
#include "../context.hpp"
#include "../rate_limiter.hpp"
#include "../render.hpp"
#include "../responses.hpp"
#include "routes.hpp"

namespace tracker::http {
namespace asio = boost::asio;
using asio::awaitable;
namespace json = boost::json;
using namespace tracker::domain;

namespace {

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

}  // namespace

void add_track_routes(Router& r) {
  r.add("GET", "/api/v1/track/{code}", &get_track, Access::public_);
}

Router make_router() {
  Router r;
  add_health_routes(r);
  add_office_routes(r);
  add_user_routes(r);
  add_shipment_routes(r);
  add_scan_routes(r);
  add_track_routes(r);
  add_label_routes(r);
  add_notification_routes(r);
  add_handover_routes(r);
  add_report_routes(r);
  add_calendar_routes(r);
  add_public_page_routes(r);
  add_staff_page_routes(r);
  return r;
}

}  // namespace tracker::http
