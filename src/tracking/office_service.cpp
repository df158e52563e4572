#include "audit_entry.hpp"
#include "dossier_links.hpp"
#include "tracker/store/awaitable.hpp"
#include "tracker/store/calendar_queries.hpp"
#include "tracker/store/unit_queries.hpp"
#include "tracker/tracking/office_service.hpp"
#include "view_builder.hpp"

namespace tracker::tracking {
using namespace tracker::domain;

namespace {

Error admin_only() { return make_error(Errc::forbidden, "forbidden", "Only an admin manages offices."); }

// The office's commune and province named from its commune code (422 on
// commune_code when there is no such commune).
Result<Ok> place(store::Tx& tx, store::Office& o) {
  if (!o.commune_code) return Ok{};
  auto commune = tx.units().commune(*o.commune_code);
  if (!commune) return field_error("commune_code", "unknown_commune", "No commune has this code.");
  o.commune = commune->name;
  o.province = commune->province.name;
  o.province_code = commune->province.code;
  return Ok{};
}

Result<Ok> check_pattern(const std::optional<std::string>& pattern) {
  if (pattern && !compile_dossier_pattern(*pattern)) {
    return field_error("dossier_code_pattern", "invalid_pattern",
                       "dossier_code_pattern is not a regular expression (ECMAScript) of at most " +
                           std::to_string(kMaxDossierPatternLength) + " characters.");
  }
  return Ok{};
}

}  // namespace

Task<store::Office> OfficeService::create(const auth::Principal& p, NewOffice o) {
  if (!auth::is_admin(p)) co_return admin_only();
  if (auto bad = check_pattern(o.dossier_code_pattern); !bad) co_return bad.error();
  std::function<domain::Result<store::Office>(store::Tx&)> job1 =
      [p, o = std::move(o), now = clock_.now()](store::Tx& tx) -> Result<store::Office> {
        if (tx.find_office_by_code(o.code)) {
          return field_error("code", "office_code_taken", "An office with this code exists.");
        }
        store::Office row{{}, o.code, o.kind, o.name, o.province, o.commune, o.address, o.agency_code,
                          o.commune_code, std::nullopt, o.dossier_code_pattern, std::nullopt};
        if (auto placed = place(tx, row); !placed) return placed.error();
        row.id = tx.insert_office(row, now);
        tx.append_audit(audit_entry(p, now, "office.created", row.code,
                                    {{"kind", to_string(row.kind)}, {"name", row.name},
                                     {"commune_code", row.commune_code.value_or("")}}));
        return row;
      };
  auto written1 = co_await store::write_async<store::Office>(store_, std::move(job1));
  co_return written1;
}

Task<store::Office> OfficeService::update(const auth::Principal& p, std::string code, OfficeChange change) {
  if (!auth::is_admin(p)) co_return admin_only();
  if (change.dossier_code_pattern) {
    if (auto bad = check_pattern(*change.dossier_code_pattern); !bad) co_return bad.error();
  }
  std::function<domain::Result<store::Office>(store::Tx&)> job2 =
      [p, code = std::move(code), change = std::move(change), now = clock_.now()](store::Tx& tx) -> Result<store::Office> {
        auto row = tx.find_office_by_code(code);
        if (!row) return make_error(Errc::not_found, "office_not_found", "No office has this code.");
        bool agency = row->kind == OfficeKind::agency;
        if (!agency && (change.agency_code || (change.dossier_code_pattern && *change.dossier_code_pattern))) {
          return field_error(change.agency_code ? "agency_code" : "dossier_code_pattern", "not_allowed",
                             "Only an agency has an agency code and issues dossier codes.");
        }
        std::string before = row->name;
        if (change.name) row->name = *change.name;
        if (change.address) row->address = *change.address;
        if (change.agency_code) row->agency_code = *change.agency_code;
        if (change.dossier_code_pattern) row->dossier_code_pattern = *change.dossier_code_pattern;
        if (change.calendar) row->calendar = *change.calendar;
        if (change.commune_code) {
          row->commune_code = *change.commune_code;
          if (auto placed = place(tx, *row); !placed) return placed.error();
        }
        tx.update_office(*row, now);
        tx.append_audit(audit_entry(p, now, "office.updated", row->code,
                                    {{"name", row->name}, {"name_before", before},
                                     {"commune_code", row->commune_code.value_or("")},
                                     {"dossier_code_pattern", row->dossier_code_pattern.value_or("")},
                                     {"calendar", to_string(store::working_calendar(*row))}}));
        return *tx.find_office(row->id);
      };
  auto written2 = co_await store::write_async<store::Office>(store_, std::move(job2));
  co_return written2;
}

Result<std::vector<store::Office>> OfficeService::list() {
  return store_.read([](store::Tx& tx) { return tx.list_offices(); });
}

HolidayCalendar load_calendar(store::Store& store, CalendarName name) {
  return store.read([name](store::Tx& tx) { return calendar_of(tx, name); });
}

DeadlineTable load_deadlines(store::Store& store) {
  return store.read([](store::Tx& tx) { return DeadlineTable(tx.deadlines().rules()); });
}

}  // namespace tracker::tracking
