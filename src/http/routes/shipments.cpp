// /api/v1/shipments
#include "../context.hpp"
#include "../paging.hpp"
#include "../parse.hpp"
#include "../render.hpp"
#include "../responses.hpp"
#include "handlers.hpp"
#include "routes.hpp"

namespace tracker::http {
namespace asio = boost::asio;
using asio::awaitable;
namespace json = boost::json;
using namespace tracker::domain;

namespace shipment_api {

Result<TrackingNumber> path_tracking_number(RequestContext& ctx) {
  return TrackingNumber::parse(ctx.param("tracking_number"));
}

// POST /api/v1/shipments
awaitable<Response> post_shipment(RequestContext& ctx) {
  auto body = ctx.json_body();
  if (!body) co_return problem(body.error(), ctx.language());
  auto shipment = parse_new_shipment(*body);
  if (!shipment) co_return problem(shipment.error(), ctx.language());
  auto created = co_await ctx.services().shipments.create(ctx.principal(), std::move(*shipment));
  if (!created) co_return problem(created.error(), ctx.language());
  co_return json_response(201, shipment_json(*created, ctx.options().public_url));
}

// GET /api/v1/shipments/{tracking_number}
awaitable<Response> get_shipment(RequestContext& ctx) {
  auto tn = path_tracking_number(ctx);
  if (!tn) co_return problem(tn.error(), ctx.language());
  auto shipment = ctx.services().shipments.get(ctx.principal(), *tn);
  if (!shipment) co_return problem(shipment.error(), ctx.language());
  co_return json_response(200, shipment_json(*shipment, ctx.options().public_url));
}

// GET /api/v1/shipments/{tracking_number}/notifications
awaitable<Response> get_notifications(RequestContext& ctx) {
  auto tn = path_tracking_number(ctx);
  if (!tn) co_return problem(tn.error(), ctx.language());
  auto shipment = ctx.services().shipments.get(ctx.principal(), *tn);
  if (!shipment) co_return problem(shipment.error(), ctx.language());
  json::array items;
  for (const auto& m : shipment->notifications) items.push_back(notification_json(m));
  co_return json_response(200, {{"items", std::move(items)}});
}

// GET /api/v1/shipments?kind=&status=&office=&overdue=true&limit=&cursor=
awaitable<Response> get_shipments(RequestContext& ctx) {
  std::vector<FieldError> errors;
  auto q = parse_shipment_query(ctx, errors);
  if (!errors.empty()) {
    co_return problem(Error{Errc::invalid, "validation_failed", "Invalid query.", errors}, ctx.language());
  }
  auto page = ctx.services().shipments.list(ctx.principal(), q);
  if (!page) co_return problem(page.error(), ctx.language());
  json::array items;
  for (const auto& v : page->items) {
    auto j = shipment_json(v, ctx.options().public_url);
    j.erase("events");
    j.erase("notifications");
    items.push_back(std::move(j));
  }
  co_return list_response(std::move(items), page->next_before_id);
}

// POST /api/v1/shipments/{tracking_number}/cancel
awaitable<Response> post_cancel(RequestContext& ctx) {
  auto tn = path_tracking_number(ctx);
  if (!tn) co_return problem(tn.error(), ctx.language());
  auto cancelled = co_await ctx.services().shipments.cancel(ctx.principal(), *tn);
  if (!cancelled) co_return problem(cancelled.error(), ctx.language());
  co_return json_response(200, shipment_json(*cancelled, ctx.options().public_url));
}

}  // namespace shipment_api

}  // namespace tracker::http
