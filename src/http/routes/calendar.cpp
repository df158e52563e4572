// The rules kept as data (any staff member reads; an admin replaces them):
// GET/PUT /api/v1/calendars/{civil_service|postal}, the calendars keyed by
// date; GET/PUT /api/v1/calendar/holidays, the postal calendar's days off as
// before 2025; GET/PUT /api/v1/deadlines, the J+n table.
#include "../context.hpp"
#include "../responses.hpp"
#include "handlers.hpp"
#include "routes.hpp"
#include "tracker/tracking/calendar_service.hpp"

#include <algorithm>

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

namespace {

Result<CalendarName> path_calendar(RequestContext& ctx) {
  auto name = parse_calendar_name(ctx.param("calendar"));
  if (!name) {
    return make_error(Errc::not_found, "calendar_not_found", "The calendars are civil_service and postal.");
  }
  return *name;
}

json::object calendar_json(const tracking::Calendar& c) {
  json::array days;
  for (const auto& d : c.days) {
    days.push_back(json::object{{"date", format_date(d.date)}, {"kind", to_string(d.kind)},
                                {"name", d.name}, {"source", d.source}});
  }
  json::array years;
  for (int y : c.provisional_years) years.push_back(y);
  return {{"days", std::move(days)}, {"provisional_years", std::move(years)}};
}

Error malformed(std::string detail) { return make_error(Errc::malformed, "wrong_type", std::move(detail)); }

// {"days": [{"date", "kind", "name", "source"}], "provisional_years": [2027]}:
// types and dates here, the rules of the list in the service.
Result<tracking::Calendar> parse_calendar(const json::object& body) {
  const auto* days = body.if_contains("days");
  if (!days || !days->is_array()) return malformed("days must be an array of {date, kind, name, source}.");
  if (days->as_array().size() > tracking::kMaxCalendarDays) {
    return field_error("days", "too_many", "At most " + std::to_string(tracking::kMaxCalendarDays) + " days.");
  }
  tracking::Calendar c;
  std::vector<FieldError> errors;
  const auto& array = days->as_array();
  for (std::size_t i = 0; i < array.size(); ++i) {
    std::string at = "days[" + std::to_string(i) + "]";
    const auto* item = array[i].if_object();
    auto text = [&](const char* key) -> const json::string* {
      const auto* v = item ? item->if_contains(key) : nullptr;
      return v && v->is_string() ? &v->as_string() : nullptr;
    };
    if (!text("date") || !text("kind") || !text("name") ||
        (item->contains("source") && !item->at("source").is_string())) {
      return malformed(at + " must be {\"date\", \"kind\", \"name\", \"source\"} with string values.");
    }
    auto date = parse_date(*text("date"));
    auto kind = parse_day_kind(*text("kind"));
    if (!date) errors.push_back({at + ".date", "invalid_date", "date is a real date YYYY-MM-DD."});
    if (!kind) {
      errors.push_back({at + ".kind", "unknown_value", "kind is holiday, compensatory_off or makeup_workday."});
    }
    if (!date || !kind) continue;
    c.days.push_back({*date, *kind, std::string(*text("name")), text("source") ? std::string(*text("source")) : ""});
  }
  if (const auto* years = body.if_contains("provisional_years")) {
    if (!years->is_array() || years->as_array().size() > 20) return malformed("provisional_years is an array of years.");
    for (const auto& y : years->as_array()) {
      if (!y.is_int64()) return malformed("provisional_years is an array of years.");
      c.provisional_years.push_back(static_cast<int>(std::clamp<std::int64_t>(y.as_int64(), 0, 10000)));
    }
  }
  if (!errors.empty()) return Error{Errc::invalid, "validation_failed", "The calendar is not valid.", errors};
  return c;
}

json::object deadlines_json(const std::vector<DeadlineRule>& rules) {
  json::array routes;
  for (const auto& r : rules) {
    routes.push_back(json::object{{"route", to_string(r.route)}, {"days", r.days},
                                  {"days_with_appointment", r.days_with_appointment}, {"source", r.source},
                                  {"valid_from", format_date(r.valid_from)},
                                  {"pending_confirmation", r.pending_confirmation}});
  }
  return {{"routes", std::move(routes)}};
}

Result<std::vector<DeadlineRule>> parse_deadlines(const json::object& body) {
  const auto* routes = body.if_contains("routes");
  if (!routes || !routes->is_array() || routes->as_array().size() > 100) {
    return malformed("routes must be an array (at most 100) of {route, days, days_with_appointment, source, valid_from}.");
  }
  std::vector<DeadlineRule> out;
  std::vector<FieldError> errors;
  const auto& array = routes->as_array();
  for (std::size_t i = 0; i < array.size(); ++i) {
    std::string at = "routes[" + std::to_string(i) + "]";
    const auto* item = array[i].if_object();
    auto get = [&](const char* key) { return item ? item->if_contains(key) : nullptr; };
    const auto *route = get("route"), *days = get("days"), *slip = get("days_with_appointment"),
               *source = get("source"), *from = get("valid_from"), *pending = get("pending_confirmation");
    if (!route || !route->is_string() || !days || !days->is_int64() || !slip || !slip->is_int64() || !source ||
        !source->is_string() || !from || !from->is_string() || (pending && !pending->is_bool())) {
      return malformed(at + " must be {route, days, days_with_appointment, source, valid_from[, pending_confirmation]}.");
    }
    DeadlineRule r;
    auto parsed_route = parse_route(route->as_string());
    auto day = parse_date(from->as_string());
    if (!parsed_route) {
      errors.push_back({at + ".route", "unknown_value", "route is same_commune, intra_province, inter_city or inter_province."});
    }
    if (!day) errors.push_back({at + ".valid_from", "invalid_date", "valid_from is a real date YYYY-MM-DD."});
    if (!parsed_route || !day) continue;
    r.route = *parsed_route;
    r.valid_from = *day;
    r.days = static_cast<int>(std::clamp<std::int64_t>(days->as_int64(), -1, 1000));
    r.days_with_appointment = static_cast<int>(std::clamp<std::int64_t>(slip->as_int64(), -1, 1000));
    r.source = std::string(source->as_string());
    r.pending_confirmation = pending && pending->as_bool();
    out.push_back(std::move(r));
  }
  if (!errors.empty()) return Error{Errc::invalid, "validation_failed", "The J+n table is not valid.", errors};
  return out;
}

}  // namespace

// GET /api/v1/calendars/{calendar}
awaitable<Response> get_calendar(RequestContext& ctx) {
  auto name = path_calendar(ctx);
  if (!name) co_return problem(name.error(), ctx.language());
  auto c = ctx.services().calendar.get(ctx.principal(), *name);
  if (!c) co_return problem(c.error(), ctx.language());
  co_return json_response(200, calendar_json(*c));
}

// PUT /api/v1/calendars/{calendar}
awaitable<Response> put_calendar(RequestContext& ctx) {
  auto name = path_calendar(ctx);
  if (!name) co_return problem(name.error(), ctx.language());
  if (!auth::is_admin(ctx.principal())) {
    co_return problem(make_error(Errc::forbidden, "forbidden", "Only an admin edits the calendars."), ctx.language());
  }
  auto body = ctx.json_body();
  if (!body) co_return problem(body.error(), ctx.language());
  auto c = parse_calendar(*body);
  if (!c) co_return problem(c.error(), ctx.language());
  auto saved = co_await ctx.services().calendar.replace(ctx.principal(), *name, std::move(*c));
  if (!saved) co_return problem(saved.error(), ctx.language());
  co_return json_response(200, calendar_json(*saved));
}

// GET /api/v1/deadlines
awaitable<Response> get_deadlines(RequestContext& ctx) {
  auto rules = ctx.services().calendar.deadlines(ctx.principal());
  if (!rules) co_return problem(rules.error(), ctx.language());
  co_return json_response(200, deadlines_json(*rules));
}

// PUT /api/v1/deadlines
awaitable<Response> put_deadlines(RequestContext& ctx) {
  if (!auth::is_admin(ctx.principal())) {
    co_return problem(make_error(Errc::forbidden, "forbidden", "Only an admin edits the J+n table."), ctx.language());
  }
  auto body = ctx.json_body();
  if (!body) co_return problem(body.error(), ctx.language());
  auto rules = parse_deadlines(*body);
  if (!rules) co_return problem(rules.error(), ctx.language());
  auto saved = co_await ctx.services().calendar.replace_deadlines(ctx.principal(), std::move(*rules));
  if (!saved) co_return problem(saved.error(), ctx.language());
  co_return json_response(200, deadlines_json(*saved));
}

}  // namespace calendar_api

}  // namespace tracker::http
