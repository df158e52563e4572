// GET /api/v1/events: a pull feed for integrations, events in the order they
// were committed, resumable from next_cursor without a gap or a repeat.
#include "../context.hpp"
#include "../paging.hpp"
#include "../responses.hpp"
#include "handlers.hpp"
#include "routes.hpp"

namespace tracker::http {
namespace asio = boost::asio;
using asio::awaitable;
namespace json = boost::json;
using namespace tracker::domain;

namespace event_api {

namespace {

constexpr int kMaxFeedPage = 1000;

// "accepted,delivered" → the types; unknown words are named in errors.
std::vector<EventType> parse_types(const std::string& text, std::vector<FieldError>& errors) {
  std::vector<EventType> out;
  std::size_t start = 0;
  while (start <= text.size() && !text.empty()) {
    auto comma = text.find(',', start);
    auto word = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (auto t = parse_event_type(word)) {
      out.push_back(*t);
    } else {
      errors.push_back({"types", "unknown_value", "types lists event types separated by commas, e.g. accepted,delivered."});
      break;
    }
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

}  // namespace

// ?after=<cursor>&agency=&types=&limit= → {"items": [...], "next_cursor"}
awaitable<Response> get_events(RequestContext& ctx) {
  const auto& req = ctx.request();
  std::vector<FieldError> errors;
  std::int64_t after = 0;
  if (auto cursor = req.query_param("after"); cursor && !cursor->empty()) {
    if (auto n = parse_positive(*cursor)) after = *n;
    else if (*cursor != "0") errors.push_back({"after", "invalid_cursor", "after is the next_cursor of a previous page (or 0)."});
  }
  std::optional<std::string> agency;
  if (auto a = req.query_param("agency"); a && !a->empty()) agency = *a;
  std::vector<EventType> types;
  if (auto t = req.query_param("types"); t && !t->empty()) types = parse_types(*t, errors);
  int limit = parse_limit(req, errors, kMaxFeedPage);
  if (!errors.empty()) {
    co_return problem(Error{Errc::invalid, "validation_failed", "Invalid query.", std::move(errors)}, ctx.language());
  }
  auto page = ctx.services().shipments.feed(ctx.principal(), after, agency, types, limit);
  if (!page) co_return problem(page.error(), ctx.language());
  json::array items;
  for (const auto& e : page->items) {
    json::object item{{"cursor", std::to_string(e.seq)},
                      {"event_id", e.event_id},
                      {"tracking_number", e.tracking_number},
                      {"agency", e.agency_code},
                      {"type", to_string(e.type)},
                      {"office", e.office_code},
                      {"occurred_at", format_rfc3339(e.occurred_at)},
                      {"recorded_at", format_rfc3339(e.recorded_at)}};
    item["dossier_code"] = e.dossier_code ? json::value(*e.dossier_code) : json::value(nullptr);
    items.push_back(std::move(item));
  }
  co_return json_response(200, {{"items", std::move(items)}, {"next_cursor", std::to_string(page->next_after)}});
}

}  // namespace event_api
}  // namespace tracker::http
