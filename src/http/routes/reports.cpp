// GET /api/v1/reports/summary, GET /api/v1/reports/overdue (supervisors,
// admins): JSON, or CSV for spreadsheets when asked (Accept: text/csv). The
// reports run on the worker pool (ReportService); here they are parsed and
// rendered.
#include <cstdio>

#include "../context.hpp"
#include "../csv.hpp"
#include "../paging.hpp"
#include "../responses.hpp"
#include "handlers.hpp"
#include "routes.hpp"
#include "tracker/tracking/report_service.hpp"

namespace tracker::http {
namespace asio = boost::asio;
using asio::awaitable;
namespace json = boost::json;
using namespace tracker::domain;

namespace report_api {

constexpr int kCsvMaxRows = 5000;  // one overdue CSV export; the rest by cursor

Error invalid_query(std::vector<FieldError> errors) {
  return Error{Errc::invalid, "validation_failed", "Invalid query.", std::move(errors)};
}

std::optional<std::string> office_param(const Request& req) {
  auto office = req.query_param("office");
  if (!office || office->empty()) return std::nullopt;
  return office;
}

// ?from=&to= (dates in Vietnam time, inclusive); without `to` today, without
// `from` the 30 days that end on `to`.
Result<tracking::SummaryQuery> parse_summary_query(const Request& req, std::chrono::year_month_day today) {
  std::vector<FieldError> errors;
  tracking::SummaryQuery q;
  for (auto [name, day] : {std::pair{"to", &q.to}, std::pair{"from", &q.from}}) {
    auto text = req.query_param(name).value_or("");
    if (text.empty()) {
      *day = day == &q.to ? today : std::chrono::year_month_day(std::chrono::sys_days(q.to) - std::chrono::days(29));
      continue;
    }
    auto parsed = parse_date(text);
    if (parsed) *day = *parsed;
    else errors.push_back({name, "invalid_date", std::string(name) + " is a date YYYY-MM-DD (Vietnam time)."});
  }
  q.office = office_param(req);
  if (!errors.empty()) return invalid_query(std::move(errors));
  return q;
}

// The cursor is "<due_at ms>.<id>" of the last item of the previous page.
std::optional<store::OverdueKey> parse_cursor(const std::string& text) {
  auto dot = text.find('.');
  if (dot == std::string::npos) return std::nullopt;
  try {
    std::size_t used_due = 0, used_id = 0;
    auto due = std::stoll(text.substr(0, dot), &used_due);
    auto id = std::stoll(text.substr(dot + 1), &used_id);
    if (used_due != dot || used_id != text.size() - dot - 1 || id < 0) return std::nullopt;
    return store::OverdueKey{Timestamp(std::chrono::milliseconds(due)), ShipmentId(id)};
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::string cursor_text(const store::OverdueKey& k) {
  return std::to_string(k.due_at.time_since_epoch().count()) + "." + std::to_string(raw(k.id));
}

json::value optional_number(const std::optional<double>& v) { return v ? json::value(*v) : nullptr; }

json::object leg_json(const tracking::LegSummary& l) {
  json::object by_status;
  for (const auto& [status, n] : l.by_status) by_status[to_string(status)] = n;
  return {{"leg", to_string(l.leg)},
          {"shipments", l.shipments},
          {"cancelled", l.cancelled},
          {"ended", l.ended},
          {"on_time", l.on_time},
          {"late", l.late},
          {"open", l.open},
          {"overdue", l.overdue},
          {"on_time_rate", optional_number(l.on_time_rate)},
          {"median_transit_hours", optional_number(l.median_transit_hours)},
          {"by_status", std::move(by_status)}};
}

json::array legs_json(const std::vector<tracking::LegSummary>& legs) {
  json::array out;
  for (const auto& l : legs) out.push_back(leg_json(l));
  return out;
}

json::object office_ref_json(const tracking::OfficeRef& o) { return {{"code", o.code}, {"name", o.name}}; }

json::object summary_json(const tracking::SummaryReport& r) {
  json::array offices;
  for (const auto& o : r.offices) {
    offices.push_back(json::object{{"office", office_ref_json(o.office)}, {"legs", legs_json(o.legs)}});
  }
  return {{"from", format_date(r.from)},
          {"to", format_date(r.to)},
          {"as_of", format_rfc3339(r.as_of)},
          {"offices", std::move(offices)},
          {"totals", json::object{{"legs", legs_json(r.totals)}}}};
}

std::string fixed1(const std::optional<double>& v, double scale = 1) {
  if (!v) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", *v * scale);
  return buf;
}

std::string leg_text(ShipmentKind leg) {
  return leg == ShipmentKind::result ? "Kết quả (result)" : "Hồ sơ (dossier)";
}

// One row per office and leg, then the totals; a column per status.
std::string summary_csv(const tracking::SummaryReport& r) {
  CsvWriter csv;
  std::vector<std::string> header = {
      "Mã đơn vị (Office code)", "Tên đơn vị (Office name)", "Chiều (Leg)",
      "Số bưu gửi (Shipments)", "Đã hủy (Cancelled)", "Đã kết thúc (Ended)", "Đúng hạn (On time)",
      "Trễ hạn (Late)", "Chưa kết thúc (Open)", "Quá hạn chưa kết thúc (Overdue)",
      "Tỷ lệ đúng hạn % (On-time rate %)", "Thời gian vận chuyển trung vị, giờ (Median transit hours)"};
  for (auto s : all_shipment_statuses()) {
    header.push_back(std::string(status_text(s, Language::vi)) + " (" + std::string(status_text(s, Language::en)) + ")");
  }
  csv.row(header);
  auto add = [&](const std::string& code, const std::string& name, const tracking::LegSummary& l) {
    std::vector<std::string> row = {code, name, leg_text(l.leg), std::to_string(l.shipments),
                                    std::to_string(l.cancelled), std::to_string(l.ended),
                                    std::to_string(l.on_time), std::to_string(l.late), std::to_string(l.open),
                                    std::to_string(l.overdue), fixed1(l.on_time_rate, 100),
                                    fixed1(l.median_transit_hours)};
    for (auto s : all_shipment_statuses()) {
      auto it = l.by_status.find(s);
      row.push_back(std::to_string(it == l.by_status.end() ? 0 : it->second));
    }
    csv.row(row);
  };
  for (const auto& o : r.offices) {
    for (const auto& l : o.legs) add(o.office.code, o.office.name, l);
  }
  for (const auto& l : r.totals) add("", "Tổng cộng (Total)", l);
  return csv.take();
}

json::object overdue_item_json(const tracking::OverdueItem& i) {
  return {{"tracking_number", i.tracking_number},
          {"kind", to_string(i.kind)},
          {"status", to_string(i.status)},
          {"office", office_ref_json(i.office)},
          {"agency", office_ref_json(i.agency)},
          {"created_at", format_rfc3339(i.created_at)},
          {"due_at", format_rfc3339(i.due_at)},
          {"days_overdue", i.days_overdue},
          {"links", json::object{{"self", "/api/v1/shipments/" + i.tracking_number}}}};
}

std::string overdue_csv(const tracking::OverduePage& page) {
  CsvWriter csv;
  csv.row({"Số hiệu bưu gửi (Tracking number)", "Chiều (Leg)", "Trạng thái (Status)",
           "Mã đơn vị (Office code)", "Tên đơn vị (Office name)", "Mã cơ quan (Agency code)",
           "Tên cơ quan (Agency name)", "Ngày tạo (Created at)", "Hạn (Due at)",
           "Số ngày làm việc quá hạn (Working days overdue)"});
  for (const auto& i : page.items) {
    csv.row({i.tracking_number, leg_text(i.kind), std::string(to_string(i.status)), i.office.code, i.office.name, i.agency.code,
             i.agency.name, format_rfc3339(i.created_at), format_rfc3339(i.due_at),
             std::to_string(i.days_overdue)});
  }
  return csv.take();
}

// GET /api/v1/reports/summary?from=&to=&office=
awaitable<Response> get_summary(RequestContext& ctx) {
  auto query = parse_summary_query(ctx.request(), local_date(ctx.services().clock.now()));
  if (!query) co_return problem(query.error(), ctx.language());
  auto report = co_await ctx.services().reports.summary(ctx.principal(), std::move(*query));
  if (!report) co_return problem(report.error(), ctx.language());
  if (wants_csv(ctx.request())) {
    co_return csv_response(summary_csv(*report),
                           "tong-hop-" + format_date(report->from) + "-" + format_date(report->to) + ".csv");
  }
  co_return json_response(200, summary_json(*report));
}

// GET /api/v1/reports/overdue?office=&limit=&cursor=
awaitable<Response> get_overdue(RequestContext& ctx) {
  const auto& req = ctx.request();
  const bool csv = wants_csv(req);
  std::vector<FieldError> errors;
  tracking::OverdueQuery q;
  q.office = office_param(req);
  q.limit = csv && !req.query_param("limit") ? kCsvMaxRows : parse_limit(req, errors, csv ? kCsvMaxRows : 200);
  if (auto cursor = req.query_param("cursor"); cursor && !cursor->empty()) {
    q.after = parse_cursor(*cursor);
    if (!q.after) errors.push_back({"cursor", "invalid_cursor", "cursor is the next_cursor of a previous page."});
  }
  if (!errors.empty()) co_return problem(invalid_query(std::move(errors)), ctx.language());
  auto page = co_await ctx.services().reports.overdue(ctx.principal(), std::move(q));
  if (!page) co_return problem(page.error(), ctx.language());
  json::value next = page->next ? json::value(cursor_text(*page->next)) : nullptr;
  if (csv) {
    auto r = csv_response(overdue_csv(*page), "qua-han-" + format_date(local_date(page->as_of)) + ".csv");
    if (page->next) r.headers.emplace_back("X-Next-Cursor", cursor_text(*page->next));
    co_return r;
  }
  json::array items, return_due;
  for (const auto& i : page->items) items.push_back(overdue_item_json(i));
  for (const auto& i : page->return_due) return_due.push_back(overdue_item_json(i));
  co_return json_response(200, {{"as_of", format_rfc3339(page->as_of)},
                                {"items", std::move(items)},
                                {"next_cursor", std::move(next)},
                                {"return_due", std::move(return_due)}});
}

}  // namespace report_api

}  // namespace tracker::http
