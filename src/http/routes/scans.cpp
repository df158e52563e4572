// /api/v1/scans, /api/v1/scans/batch
#include "../context.hpp"
#include "../metrics.hpp"
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

namespace scan_api {

constexpr std::size_t kMaxBatch = 500;

json::object recorded_json(const tracking::RecordedScan& r) {
  auto event = event_json(r.event);
  event["tracking_number"] = r.tracking_number;
  return {{"event", std::move(event)},
          {"shipment", json::object{{"tracking_number", r.tracking_number}, {"status", domain::to_string(r.status)}}}};
}

// POST /api/v1/scans
awaitable<Response> post_scan(RequestContext& ctx) {
  auto body = ctx.json_body();
  if (!body) co_return problem(body.error(), ctx.language());
  auto scan = parse_scan(*body);
  if (!scan) co_return problem(scan.error(), ctx.language());
  auto recorded = co_await ctx.services().scans.record(ctx.principal(), std::move(*scan));
  if (!recorded) co_return problem(recorded.error(), ctx.language());
  if (recorded->created) ctx.internals().metrics.count_scans(1);
  co_return json_response(recorded->created ? 201 : 200, recorded_json(*recorded));
}

// POST /api/v1/scans/batch
awaitable<Response> post_scan_batch(RequestContext& ctx) {
  auto body = ctx.json_body();
  if (!body) co_return problem(body.error(), ctx.language());
  auto batch = parse_scan_batch(*body, kMaxBatch);
  if (!batch) co_return problem(batch.error(), ctx.language());
  const auto& ids = batch->event_ids;
  auto results = co_await ctx.services().scans.record_batch(ctx.principal(), std::move(batch->scans));
  json::array out;
  std::uint64_t created = 0;
  for (std::size_t i = 0; i < results.size(); ++i) {
    json::object item{{"event_id", ids[i]}};
    if (results[i]) {
      created += results[i]->created;
      item["status"] = results[i]->created ? 201 : 200;
      item["error"] = nullptr;
      item["shipment"] = json::object{{"tracking_number", results[i]->tracking_number},
                                      {"status", domain::to_string(results[i]->status)}};
    } else {
      item["status"] = status_of(results[i].error().errc);
      item["error"] = problem_body(results[i].error(), ctx.language());
    }
    out.push_back(std::move(item));
  }
  ctx.internals().metrics.count_scans(created);
  co_return json_response(200, {{"results", std::move(out)}});
}

}  // namespace scan_api

}  // namespace tracker::http
