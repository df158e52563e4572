// GET /api/v1/events: a pull feed for integrations, scans and agency statuses
// in the order they were committed, resumable from next_cursor without a gap
// or a repeat.
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

// "accepted,refused" → the event types and agency statuses; an unknown word
// is named in errors.
std::vector<Trigger> parse_types(const std::string& text, std::vector<FieldError>& errors) {
  std::vector<Trigger> out;
  std::size_t start = 0;
  while (start <= text.size() && !text.empty()) {
    auto comma = text.find(',', start);
    auto word = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (auto t = parse_trigger(word)) {
      out.push_back(*t);
    } else {
      errors.push_back({"types", "unknown_value",
                        "types lists event types and agency statuses separated by commas, e.g. delivered,refused."});
      break;
    }
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

// A cursor is "<event seq>.<status seq>"; a lone number (the form before
// agency statuses were in the feed) is an event position.
std::optional<store::FeedPosition> parse_cursor(const std::string& text) {
  auto number = [](std::string_view part) -> std::optional<std::int64_t> {
    if (part == "0") return 0;
    return parse_positive(std::string(part));
  };
  auto dot = text.find('.');
  auto events = number(std::string_view(text).substr(0, dot));
  if (!events) return std::nullopt;
  if (dot == std::string::npos) return store::FeedPosition{*events, 0};
  auto statuses = number(std::string_view(text).substr(dot + 1));
  if (!statuses) return std::nullopt;
  return store::FeedPosition{*events, *statuses};
}

std::string cursor_text(const store::FeedPosition& p) {
  return std::to_string(p.event_seq) + "." + std::to_string(p.status_seq);
}

}  // namespace

// ?after=<cursor>&agency=&types=&limit= → {"items": [...], "next_cursor"}
awaitable<Response> get_events(RequestContext& ctx) {
  const auto& req = ctx.request();
  std::vector<FieldError> errors;
  store::FeedPosition after;
  if (auto cursor = req.query_param("after"); cursor && !cursor->empty()) {
    if (auto p = parse_cursor(*cursor)) after = *p;
    else errors.push_back({"after", "invalid_cursor", "after is the next_cursor of a previous page (or 0)."});
  }
  std::optional<std::string> agency;
  if (auto a = req.query_param("agency"); a && !a->empty()) agency = *a;
  std::vector<Trigger> types;
  if (auto t = req.query_param("types"); t && !t->empty()) types = parse_types(*t, errors);
  int limit = parse_limit(req, errors, kMaxFeedPage);
  if (!errors.empty()) {
    co_return problem(Error{Errc::invalid, "validation_failed", "Invalid query.", std::move(errors)}, ctx.language());
  }
  auto page = ctx.services().shipments.feed(ctx.principal(), after, agency, types, limit);
  if (!page) co_return problem(page.error(), ctx.language());
  json::array items;
  for (const auto& e : page->items) {
    json::object item{{"cursor", cursor_text(e.cursor)},
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
  co_return json_response(200, {{"items", std::move(items)}, {"next_cursor", cursor_text(page->next)}});
}

}  // namespace event_api
}  // namespace tracker::http
