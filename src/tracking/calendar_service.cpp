// The holiday calendar: read by any staff member, replaced by an admin.
#include <algorithm>

#include "audit_entry.hpp"
#include "tracker/store/awaitable.hpp"
#include "tracker/store/holiday_queries.hpp"
#include "tracker/tracking/calendar_service.hpp"
#include "tracker/tracking/office_service.hpp"

namespace tracker::tracking {
using namespace tracker::domain;
using std::chrono::sys_days;

namespace {

// UTF-8 characters (the JSON parser has checked the encoding).
std::size_t characters(const std::string& text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

Status check(const std::vector<Holiday>& holidays) {
  std::vector<FieldError> errors;
  if (holidays.size() > kMaxHolidays) {
    errors.push_back({"items", "too_many", "At most " + std::to_string(kMaxHolidays) + " holidays."});
  }
  std::vector<sys_days> seen;
  for (std::size_t i = 0; i < holidays.size(); ++i) {
    const auto& h = holidays[i];
    std::string at = "items[" + std::to_string(i) + "]";
    if (h.name.empty()) errors.push_back({at + ".name", "required", "A holiday has a name."});
    if (characters(h.name) > kMaxHolidayNameChars) {
      errors.push_back({at + ".name", "too_long", "A name has at most 100 characters."});
    }
    if (std::find(seen.begin(), seen.end(), sys_days(h.day)) != seen.end()) {
      errors.push_back({at + ".day", "duplicate_day", format_date(h.day) + " is listed twice."});
    }
    seen.push_back(sys_days(h.day));
  }
  if (errors.empty()) return Ok{};
  return Error{Errc::invalid, "validation_failed", "The holiday list is not valid.", std::move(errors)};
}

}  // namespace

Result<std::vector<Holiday>> CalendarService::list(const auth::Principal&) {
  auto rows = store_.read([](store::Tx& tx) { return store::HolidayQueries(tx).list(); });
  std::vector<Holiday> out;
  for (auto& r : rows) {
    if (auto day = parse_date(r.day)) out.push_back({*day, std::move(r.name)});
  }
  return out;
}

Task<std::vector<Holiday>> CalendarService::replace(const auth::Principal& p, std::vector<Holiday> holidays) {
  if (!auth::is_admin(p)) {
    co_return make_error(Errc::forbidden, "forbidden", "Only an admin edits the holiday calendar.");
  }
  if (auto valid = check(holidays); !valid) co_return valid.error();
  std::sort(holidays.begin(), holidays.end(),
            [](const Holiday& a, const Holiday& b) { return sys_days(a.day) < sys_days(b.day); });
  std::vector<store::HolidayRow> rows;
  for (const auto& h : holidays) rows.push_back({format_date(h.day), h.name});
  std::function<Result<Ok>(store::Tx&)> job = [p, rows = std::move(rows), now = clock_.now()](store::Tx& tx) -> Result<Ok> {
    store::HolidayQueries(tx).replace(rows);
    boost::json::array days;
    for (const auto& r : rows) days.emplace_back(r.day);
    tx.append_audit(audit_entry(p, now, "calendar.replaced", "holidays", {{"days", days}}));
    return Ok{};
  };
  auto written = co_await store::write_async<Ok>(store_, std::move(job));
  if (!written) co_return written.error();
  // Shipments created from now on get deadlines on the new calendar. The
  // due_at of existing shipments is not recomputed: it was their deadline
  // when they were taken, printed on the slip and the label.
  shipments_.set_calendar(load_calendar(store_));
  co_return holidays;
}

}  // namespace tracker::tracking
