// GET/PUT /api/v1/calendar/holidays: the public holidays that working-day
// deadlines skip (any staff member reads; an admin replaces the list).
#include "../context.hpp"
#include "../responses.hpp"
#include "handlers.hpp"
#include "routes.hpp"
#include "tracker/tracking/calendar_service.hpp"

namespace tracker::http {
namespace asio = boost::asio;
using asio::awaitable;
namespace json = boost::json;
using namespace tracker::domain;

namespace calendar_api {

json::object holidays_json(const std::vector<tracking::Holiday>& holidays) {
  json::array items;
  for (const auto& h : holidays) items.push_back(json::object{{"day", format_date(h.day)}, {"name", h.name}});
  return {{"items", std::move(items)}};
}

// {"items": [{"day": "2026-02-17", "name": "Tết Nguyên đán"}, …]}. Dates
// are checked here; the rules of the list (count, names, duplicates) by
// the service.
Result<std::vector<tracking::Holiday>> parse_holidays(const json::object& body) {
  const auto* items = body.if_contains("items");
  if (!items || !items->is_array()) {
    return make_error(Errc::malformed, "wrong_type", "items must be an array of {day, name}.");
  }
  std::vector<tracking::Holiday> out;
  std::vector<FieldError> errors;
  const auto& array = items->as_array();
  for (std::size_t i = 0; i < array.size(); ++i) {
    std::string at = "items[" + std::to_string(i) + "]";
    const auto* item = array[i].if_object();
    const auto* day = item ? item->if_contains("day") : nullptr;
    const auto* name = item ? item->if_contains("name") : nullptr;
    if (!day || !day->is_string() || !name || !name->is_string()) {
      return make_error(Errc::malformed, "wrong_type", at + " must be {\"day\": string, \"name\": string}.");
    }
    auto parsed = parse_date(day->as_string());
    if (!parsed) {
      errors.push_back({at + ".day", "invalid_date", "day is a real date YYYY-MM-DD."});
      continue;
    }
    out.push_back({*parsed, std::string(name->as_string())});
  }
  if (!errors.empty()) return Error{Errc::invalid, "validation_failed", "The holiday list is not valid.", errors};
  return out;
}

// GET /api/v1/calendar/holidays
awaitable<Response> get_holidays(RequestContext& ctx) {
  auto holidays = ctx.services().calendar.list(ctx.principal());
  if (!holidays) co_return problem(holidays.error(), ctx.language());
  co_return json_response(200, holidays_json(*holidays));
}

// PUT /api/v1/calendar/holidays
awaitable<Response> put_holidays(RequestContext& ctx) {
  auto body = ctx.json_body();
  if (!body) co_return problem(body.error(), ctx.language());
  auto holidays = parse_holidays(*body);
  if (!holidays) co_return problem(holidays.error(), ctx.language());
  auto saved = co_await ctx.services().calendar.replace(ctx.principal(), std::move(*holidays));
  if (!saved) co_return problem(saved.error(), ctx.language());
  co_return json_response(200, holidays_json(*saved));
}

}  // namespace calendar_api

}  // namespace tracker::http
