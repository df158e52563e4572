// POST /api/v1/dossiers/{dossier_code}/events: the agency's system says what
// happens to a dossier between the two legs.
#include "../context.hpp"
#include "../parse.hpp"
#include "../responses.hpp"
#include "handlers.hpp"
#include "routes.hpp"

namespace tracker::http {
namespace asio = boost::asio;
using asio::awaitable;
namespace json = boost::json;
using namespace tracker::domain;

namespace dossier_api {

// {"event_id", "status", "occurred_at", "note"} → 201 (recorded) or 200 (the same event again)
awaitable<Response> post_dossier_event(RequestContext& ctx) {
  auto code = DossierCode::parse(ctx.param("dossier_code"));
  if (!code) co_return problem(code.error(), ctx.language());
  auto body = ctx.json_body();
  if (!body) co_return problem(body.error(), ctx.language());
  auto request = parse_dossier_status(*body);
  if (!request) co_return problem(request.error(), ctx.language());
  auto recorded = co_await ctx.services().dossier_statuses.record(ctx.principal(), *code, std::move(*request));
  if (!recorded) co_return problem(recorded.error(), ctx.language());
  const auto& d = recorded->status;
  json::object event{{"event_id", d.event_id},
                     {"status", to_string(d.status)},
                     {"occurred_at", format_rfc3339(d.occurred_at)},
                     {"recorded_at", format_rfc3339(d.recorded_at)}};
  event["note"] = d.note ? json::value(*d.note) : json::value(nullptr);
  co_return json_response(recorded->created ? 201 : 200,
                          {{"event", std::move(event)},
                           {"dossier_code", code->str()},
                           {"tracking_number", recorded->tracking_number}});
}

}  // namespace dossier_api
}  // namespace tracker::http
