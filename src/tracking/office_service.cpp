#include "audit_entry.hpp"
#include "tracker/store/awaitable.hpp"
#include "tracker/tracking/office_service.hpp"
#include "view_builder.hpp"

namespace tracker::tracking {
using namespace tracker::domain;

Task<store::Office> OfficeService::create(const auth::Principal& p, NewOffice o) {
  if (!auth::is_admin(p)) {
    co_return make_error(Errc::forbidden, "forbidden", "Only an admin manages offices.");
  }
  std::function<domain::Result<store::Office>(store::Tx&)> job1 =
      [p, o = std::move(o), now = clock_.now()](store::Tx& tx) -> Result<store::Office> {
        if (tx.find_office_by_code(o.code)) {
          return field_error("code", "office_code_taken", "An office with this code exists.");
        }
        store::Office row{{}, o.code, o.kind, o.name, o.province, o.commune, o.address, o.agency_code};
        row.id = tx.insert_office(row, now);
        tx.append_audit(audit_entry(p, now, "office.created", row.code,
                                    {{"kind", to_string(row.kind)}, {"name", row.name}}));
        return row;
      };
  auto written1 = co_await store::write_async<store::Office>(store_, std::move(job1));
  co_return written1;
}

Result<std::vector<store::Office>> OfficeService::list() {
  return store_.read([](store::Tx& tx) { return tx.list_offices(); });
}

HolidayCalendar load_calendar(store::Store& store) {
  return store.read([](store::Tx& tx) { return calendar_of(tx); });
}

}  // namespace tracker::tracking
