// /api/v1/scans, /api/v1/scans/batch
#include "../context.hpp"
#include "../metrics.hpp"
#include "../parse.hpp"
#include "../render.hpp"
#include "../responses.hpp"
#include "routes.hpp"

namespace tracker::http {
namespace asio = boost::asio;
using asio::awaitable;
namespace json = boost::json;
using namespace tracker::domain;

namespace {

constexpr std::size_t kMaxBatch = 500;

json::object recorded_json(const tracking::RecordedScan& r) {
  auto event = event_json(r.event);
  event["tracking_number"] = r.tracking_number;
  return {{"event", std::move(event)},
          {"shipment", json::object{{"tracking_number", r.tracking_number}, {"status", r.status}}}};
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
  auto* scans = body->if_contains("scans");
  if (!scans || !scans->is_array()) {
    co_return problem(make_error(Errc::malformed, "wrong_type", "Send {\"scans\": [ … ]}."), ctx.language());
  }
  if (scans->as_array().size() > kMaxBatch) {
    co_return problem(field_error("scans", "too_many_items", "At most 500 scans per batch."), ctx.language());
  }
  std::vector<Result<tracking::ScanRequest>> parsed;
  std::vector<std::string> ids;
  for (const auto& item : scans->as_array()) {
    const json::string* id = nullptr;
    if (item.is_object()) {
      if (auto* v = item.as_object().if_contains("event_id"); v && v->is_string()) id = &v->as_string();
    }
    ids.push_back(id ? std::string(*id) : "");
    if (!item.is_object()) {
      parsed.push_back(make_error(Errc::malformed, "wrong_type", "Each scan is a JSON object."));
    } else {
      parsed.push_back(parse_scan(item.as_object()));
    }
  }
  auto results = co_await ctx.services().scans.record_batch(ctx.principal(), std::move(parsed));
  json::array out;
  std::uint64_t created = 0;
  for (std::size_t i = 0; i < results.size(); ++i) {
    json::object item{{"event_id", ids[i]}};
    if (results[i]) {
      created += results[i]->created;
      item["status"] = results[i]->created ? 201 : 200;
      item["error"] = nullptr;
      item["shipment"] = json::object{{"tracking_number", results[i]->tracking_number},
                                      {"status", results[i]->status}};
    } else {
      item["status"] = status_of(results[i].error().errc);
      item["error"] = problem_body(results[i].error(), ctx.language());
    }
    out.push_back(std::move(item));
  }
  ctx.internals().metrics.count_scans(created);
  co_return json_response(200, {{"results", std::move(out)}});
}

}  // namespace

void add_scan_routes(Router& r) {
  r.add("POST", "/api/v1/scans/batch", &post_scan_batch, Access::staff, true);
  r.add("POST", "/api/v1/scans", &post_scan, Access::staff, true);
}

}  // namespace tracker::http
