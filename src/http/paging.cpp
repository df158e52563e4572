#include "paging.hpp"

#include <algorithm>
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

}  // namespace tracker::http
