// /api/v1/handovers: handover lists between a post office and an agency.
#include "../context.hpp"
#include "../fields.hpp"
#include "../paging.hpp"
#include "../responses.hpp"
#include "handlers.hpp"
#include "routes.hpp"
#include "tracker/labels/handover_document.hpp"
#include "tracker/store/awaitable.hpp"
#include "tracker/tracking/handover_service.hpp"
#include "tracker/executor/run_on.hpp"

namespace tracker::http {
namespace asio = boost::asio;
using asio::awaitable;
namespace json = boost::json;
using namespace tracker::domain;

namespace handover_api {

constexpr std::size_t kMaxItems = 200;

json::value opt_time(const std::optional<Timestamp>& t) {
  return t ? json::value(format_rfc3339(*t)) : json::value(nullptr);
}

json::object handover_json(const tracking::HandoverView& v) {
  const auto& h = v.handover;
  json::array items;
  for (const auto& i : v.items) {
    items.push_back(json::object{{"tracking_number", i.tracking_number},
                                 {"kind", to_string(i.kind)},
                                 {"status", to_string(i.status)},
                                 {"dossier_code", i.dossier_code ? json::value(*i.dossier_code) : nullptr},
                                 {"listed", i.listed},
                                 {"received", i.received ? json::value(*i.received) : nullptr}});
  }
  json::array missing, unexpected;
  for (const auto& m : v.missing) missing.push_back(json::value(m));
  for (const auto& u : v.unexpected) unexpected.push_back(json::value(u));
  const auto id = std::to_string(raw(h.id));
  return json::object{{"id", id},
                      {"code", h.code},
                      {"direction", to_string(h.direction)},
                      {"status", to_string(h.status)},
                      {"from_office", json::object{{"code", v.from.code}, {"name", v.from.name}}},
                      {"to_office", json::object{{"code", v.to.code}, {"name", v.to.name}}},
                      {"created_at", format_rfc3339(h.created_at)},
                      {"confirmed_at", opt_time(h.confirmed_at)},
                      {"received_by", h.received_by ? json::value(*h.received_by) : nullptr},
                      {"voided_at", opt_time(h.voided_at)},
                      {"void_reason", h.void_reason ? json::value(*h.void_reason) : nullptr},
                      {"items", std::move(items)},
                      {"counts", json::object{{"listed", std::count_if(v.items.begin(), v.items.end(), [](auto& i) { return i.listed; })},
                                              {"missing", v.missing.size()},
                                              {"unexpected", v.unexpected.size()}}},
                      {"missing", std::move(missing)},
                      {"unexpected", std::move(unexpected)},
                      {"links", json::object{{"self", "/api/v1/handovers/" + id},
                                             {"document", "/api/v1/handovers/" + id + "/document"}}}};
}

Result<HandoverId> path_id(RequestContext& ctx) {
  if (auto id = parse_positive(ctx.param("id"))) return HandoverId(*id);
  return make_error(Errc::not_found, "handover_not_found", "No such handover list.");
}

// Tracking numbers of a JSON array field, as typed; wrong types are named.
std::vector<std::string> numbers(Fields& f, const char* name, bool required) {
  std::vector<std::string> out;
  if (auto* items = f.array(name, required, kMaxItems)) {
    for (std::size_t i = 0; i < items->size(); ++i) {
      if (!(*items)[i].is_string()) {
        f.add(name, "wrong_type", std::string(name) + "[" + std::to_string(i) + "] is not a string.");
        continue;
      }
      out.emplace_back((*items)[i].as_string());
    }
  }
  return out;
}

// POST /api/v1/handovers
awaitable<Response> post_handover(RequestContext& ctx) {
  auto body = ctx.json_body();
  if (!body) co_return problem(body.error(), ctx.language());
  Fields f(*body);
  tracking::NewHandover h;
  h.from_office = f.text("from_office", false, 32).value_or(ctx.principal().office_code);
  h.to_office = f.text("to_office", true, 32).value_or("");
  h.tracking_numbers = numbers(f, "tracking_numbers", true);
  if (!f.ok()) co_return problem(f.error(), ctx.language());
  auto created = co_await ctx.services().handovers.create(ctx.principal(), std::move(h));
  if (!created) co_return problem(created.error(), ctx.language());
  co_return json_response(201, handover_json(*created));
}

// GET /api/v1/handovers/{id}
awaitable<Response> get_handover(RequestContext& ctx) {
  auto id = path_id(ctx);
  if (!id) co_return problem(id.error(), ctx.language());
  auto h = ctx.services().handovers.get(ctx.principal(), *id);
  if (!h) co_return problem(h.error(), ctx.language());
  co_return json_response(200, handover_json(*h));
}

// GET /api/v1/handovers/{id}/document
awaitable<Response> get_document(RequestContext& ctx) {
  auto id = path_id(ctx);
  if (!id) co_return problem(id.error(), ctx.language());
  auto v = ctx.services().handovers.get(ctx.principal(), *id);
  if (!v) co_return problem(v.error(), ctx.language());
  labels::HandoverDocument doc;
  const auto& h = v->handover;
  doc.code = h.code;
  doc.direction = h.direction;
  doc.status = h.status;
  doc.from_name = v->from.name;
  doc.from_code = v->from.code;
  doc.to_name = v->to.name;
  doc.to_code = v->to.code;
  doc.created_at = format_vn_datetime(h.created_at);
  if (h.confirmed_at) doc.confirmed_at = format_vn_datetime(*h.confirmed_at);
  doc.received_by = h.received_by.value_or("");
  doc.void_reason = h.void_reason.value_or("");
  for (const auto& i : v->items) {
    doc.lines.push_back({i.tracking_number, i.kind, i.dossier_code.value_or(""), i.listed,
                         !i.received ? "" : *i.received ? "yes" : "no"});
  }
  auto work = [&] { return labels::render_handover_pdf(doc); };
  auto pdf = co_await executor::run_on(ctx.services().workers, work);
  co_return Response{200, "application/pdf", std::move(pdf), {}};
}

// POST /api/v1/handovers/{id}/confirm
awaitable<Response> post_confirm(RequestContext& ctx) {
  auto id = path_id(ctx);
  if (!id) co_return problem(id.error(), ctx.language());
  auto body = ctx.json_body();
  if (!body) co_return problem(body.error(), ctx.language());
  Fields f(*body);
  tracking::HandoverConfirmation c;
  c.received = numbers(f, "received", true);
  c.received_by = f.text("received_by", false, 200).value_or("");
  if (auto at = f.text("occurred_at", false, 40)) {
    auto parsed = parse_rfc3339(*at);
    if (parsed) c.occurred_at = *parsed;
    else f.add("occurred_at", "invalid_time", "occurred_at is RFC 3339 with an offset.");
  } else {
    c.occurred_at = ctx.services().clock.now();
  }
  if (!f.ok()) co_return problem(f.error(), ctx.language());
  auto confirmed = co_await ctx.services().handovers.confirm(ctx.principal(), *id, std::move(c));
  if (!confirmed) co_return problem(confirmed.error(), ctx.language());
  co_return json_response(200, handover_json(*confirmed));
}

// POST /api/v1/handovers/{id}/void
awaitable<Response> post_void(RequestContext& ctx) {
  auto id = path_id(ctx);
  if (!id) co_return problem(id.error(), ctx.language());
  auto body = ctx.json_body();
  if (!body) co_return problem(body.error(), ctx.language());
  Fields f(*body);
  auto reason = f.text("reason", true, 500);
  if (!f.ok()) co_return problem(f.error(), ctx.language());
  auto voided = co_await ctx.services().handovers.void_list(ctx.principal(), *id, *reason);
  if (!voided) co_return problem(voided.error(), ctx.language());
  co_return json_response(200, handover_json(*voided));
}

}  // namespace handover_api

}  // namespace tracker::http
