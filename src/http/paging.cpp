#include "paging.hpp"

#include "context.hpp"
#include "tracker/domain/event.hpp"
#include "tracker/store/store.hpp"

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <string>

namespace tracker::http {
namespace {

constexpr int kDefaultLimit = 50;
constexpr int kMaxLimit = 200;

}  // namespace

std::optional<std::int64_t> parse_positive(const std::string& text) {
  try {
    std::size_t used = 0;
    auto n = std::stoll(text, &used);
    if (used == text.size() && n > 0) return n;
  } catch (const std::exception&) {
  }
  return std::nullopt;
}

int parse_limit(const Request& req, std::vector<domain::FieldError>& errors, int max_limit) {
  auto limit = req.query_param("limit");
  if (!limit) return std::min(kDefaultLimit, max_limit);
  if (auto n = parse_positive(*limit)) return static_cast<int>(std::min<std::int64_t>(*n, max_limit));
  errors.push_back({"limit", "invalid_limit",
                    "limit is a number from 1 (more than " + std::to_string(max_limit) + " counts as " +
                        std::to_string(max_limit) + ")."});
  return std::min(kDefaultLimit, max_limit);
}

Page parse_page(const Request& req, std::vector<domain::FieldError>& errors) {
  Page page{parse_limit(req, errors, kMaxLimit), std::nullopt};
  if (auto cursor = req.query_param("cursor"); cursor && !cursor->empty()) {
    if (auto n = parse_positive(*cursor)) page.before_id = *n;
    else errors.push_back({"cursor", "invalid_cursor", "cursor is the next_cursor of a previous page."});
  }
  return page;
}

store::ShipmentQuery parse_shipment_query(RequestContext& ctx, std::vector<domain::FieldError>& errors) {
  const auto& req = ctx.request();
  auto given = [&](const char* name) -> std::optional<std::string> {
    auto v = req.query_param(name);
    if (v && v->empty()) return std::nullopt;
    return v;
  };
  store::ShipmentQuery q;
  if (auto kind = given("kind")) {
    q.kind = domain::parse_shipment_kind(*kind);
    if (!q.kind) errors.push_back({"kind", "unknown_value", "kind is dossier or result."});
  }
  if (auto status = given("status")) {
    q.status = domain::parse_shipment_status(*status);
    if (!q.status) errors.push_back({"status", "unknown_value", "Unknown status."});
  }
  if (auto office = given("office")) {
    auto found = ctx.services().store.read([&](store::Tx& tx) { return tx.find_office_by_code(*office); });
    if (!found) errors.push_back({"office", "unknown_office", "No office has this code."});
    else q.office_id = found->id;
  }
  if (auto overdue = given("overdue")) {
    if (*overdue != "true" && *overdue != "false") {
      errors.push_back({"overdue", "unknown_value", "overdue is true or false."});
    } else if (*overdue == "true") {
      q.overdue_at = ctx.services().clock.now();
    }
  }
  auto page = parse_page(req, errors);
  q.limit = page.limit;
  if (page.before_id) q.before_id = domain::ShipmentId(*page.before_id);
  return q;
}

}  // namespace tracker::http
