// GET /api/v1/units: the communes of 2025 with their codes, for address
// pickers (public).
#include "../context.hpp"
#include "../paging.hpp"
#include "../responses.hpp"
#include "handlers.hpp"
#include "routes.hpp"
#include "tracker/domain/admin_unit.hpp"

namespace tracker::http {
namespace asio = boost::asio;
using asio::awaitable;
namespace json = boost::json;
using namespace tracker::domain;

namespace unit_api {

namespace {

constexpr std::size_t kMaxQueryBytes = 200;

json::object commune_json(const store::Commune& c) {
  return {{"code", c.code},
          {"name", c.name},
          {"kind", c.kind},
          {"province", json::object{{"code", c.province.code}, {"name", c.province.name}}}};
}

Result<tracking::UnitSearch> parse_unit_search(const Request& req) {
  std::vector<FieldError> errors;
  tracking::UnitSearch s;
  if (auto province = req.query_param("province"); province && !province->empty()) {
    if (is_province_code(*province)) s.province_code = *province;
    else errors.push_back({"province", "invalid_province_code", "province is a 2-digit code, e.g. 19."});
  }
  s.q = req.query_param("q").value_or("");
  if (s.q.size() > kMaxQueryBytes) {
    errors.push_back({"q", "too_long", "q is at most " + std::to_string(kMaxQueryBytes) + " bytes."});
  }
  if (auto cursor = req.query_param("cursor"); cursor && !cursor->empty()) {
    if (is_commune_code(*cursor)) s.after = *cursor;
    else errors.push_back({"cursor", "invalid_cursor", "cursor is the next_cursor of a previous page."});
  }
  s.limit = parse_limit(req, errors, tracking::kMaxUnitsPage);
  if (!errors.empty()) return Error{Errc::invalid, "validation_failed", "Invalid query.", std::move(errors)};
  return s;
}

}  // namespace

// ?province=19&q=đức xuân&limit=&cursor= → {"items": [...], "next_cursor"}
awaitable<Response> get_units(RequestContext& ctx) {
  auto search = parse_unit_search(ctx.request());
  if (!search) co_return problem(search.error(), ctx.language());
  auto page = ctx.services().units.search(*search);
  if (!page) co_return problem(page.error(), ctx.language());
  json::array items;
  for (const auto& c : page->items) items.push_back(commune_json(c));
  json::object body{{"items", std::move(items)}};
  body["next_cursor"] = page->next_cursor ? json::value(*page->next_cursor) : json::value(nullptr);
  co_return json_response(200, std::move(body));
}

}  // namespace unit_api
}  // namespace tracker::http
