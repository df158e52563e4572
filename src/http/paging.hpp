#pragma once
// Keyset pagination of lists: ?limit=&cursor= (API.md: limit defaults to
// 50, more than 200 counts as 200; the cursor is an earlier page's
// next_cursor), and the numeric ids in paths. Problems are appended to the caller's field errors.
#include <cstdint>
#include <optional>
#include <vector>

#include "message.hpp"
#include "tracker/store/records.hpp"
#include "tracker/domain/result.hpp"

namespace tracker::http {

struct Page {
  int limit = 50;
  std::optional<std::int64_t> before_id;
};

Page parse_page(const Request& req, std::vector<domain::FieldError>& errors);

// An id in a path or a cursor: the whole text a positive number ("10abc" is not 10).
std::optional<std::int64_t> parse_positive(const std::string& text);

// ?limit= alone, for lists whose cursor is not an id (the overdue report);
// max_limit replaces 200 where a list allows more (a CSV export).
int parse_limit(const Request& req, std::vector<domain::FieldError>& errors, int max_limit = 200);


class RequestContext;
// The filters of a shipment list: ?kind=&status=&office=<code>&overdue=true
// plus the page. An empty value is no filter (an HTML form sends them).
store::ShipmentQuery parse_shipment_query(RequestContext& ctx, std::vector<domain::FieldError>& errors);

}  // namespace tracker::http
