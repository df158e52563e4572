// The overdue report: open legs past their deadline, oldest due first,
// working days overdue across a weekend and holidays, keyset pages; and the
// same rule as the shipments' overdue flag and ?overdue=true.
#include <catch2/catch.hpp>
#include <set>

#include "report_world.hpp"

using namespace tracker;
using namespace tracker::test;
using namespace tracker::domain;
using domain::Timestamp;

namespace {

Timestamp due(std::string_view day) { return domain::local_end_of_day(*domain::parse_date(day)); }

// Tuesday 2026-05-05, 09:00. The calendar of migration 001 has 04-26 (a
// Sunday), 04-27 (its day off in lieu), 04-30 and 05-01 as holidays.
constexpr std::string_view kAsOf = "2026-05-05 09:00";

struct Spring {
  ReportWorld w;
  OfficeId po_a = w.add_office("PO-A", OfficeKind::post_office);
  OfficeId ag_x = w.add_office("AG-X", OfficeKind::agency);
  OfficeId po_b = w.add_office("PO-B", OfficeKind::post_office);
  std::map<std::string, std::string> names;  // tracking number -> name in this test

  ShipmentId make(std::string name, ShipmentKind kind, OfficeId office, std::string_view due_day) {
    auto id = w.add_shipment(kind, office, ag_x, vn("2026-04-20 08:00"), due(due_day));
    names[w.tracking_number(id)] = std::move(name);
    return id;
  }

  Spring() {
    // Listed, oldest due first.
    auto o11 = make("O11", ShipmentKind::result, ag_x, "2026-04-21");  // held is not a delivery attempt
    w.add_event(o11, EventType::held, vn("2026-04-21 10:00"), ShipmentStatus::held);
    auto o9 = make("O9", ShipmentKind::dossier, po_a, "2026-04-22");  // a dossier's leg ends at the agency only
    w.add_event(o9, EventType::delivery_failed, vn("2026-04-22 10:00"), ShipmentStatus::delivery_failed);
    auto o2 = make("O2", ShipmentKind::dossier, po_a, "2026-04-24");
    w.add_event(o2, EventType::accepted, vn("2026-04-23 10:00"), ShipmentStatus::accepted);
    auto o1 = make("O1", ShipmentKind::result, ag_x, "2026-04-29");
    w.add_event(o1, EventType::out_for_delivery, vn("2026-04-29 08:00"), ShipmentStatus::out_for_delivery);
    make("O10", ShipmentKind::dossier, po_b, "2026-04-29");  // same deadline as O1, made after it
    make("O3", ShipmentKind::dossier, po_a, "2026-05-04");
    // Not listed.
    make("O5", ShipmentKind::dossier, po_a, "2026-05-05");  // due tonight
    auto o6 = make("O6", ShipmentKind::dossier, po_a, "2026-04-20");
    w.add_event(o6, EventType::delivered, vn("2026-04-20 15:00"), ShipmentStatus::delivered);
    auto o7 = make("O7", ShipmentKind::dossier, po_a, "2026-04-20");
    w.cancel(o7, vn("2026-04-20 09:00"));
    auto o8 = make("O8", ShipmentKind::result, ag_x, "2026-04-21");  // the failed attempt ended its leg
    w.add_event(o8, EventType::delivery_failed, vn("2026-04-21 10:00"), ShipmentStatus::delivery_failed);
  }

  domain::Result<tracking::OverduePage> page(const auth::Principal& p, int limit = 50,
                                             std::optional<store::OverdueKey> after = {},
                                             std::optional<std::string> office = {}) {
    tracking::OverdueQuery q{std::move(office), limit, after, vn(kAsOf)};
    return w.run(w.reports().overdue(p, q));
  }

  // "name:days" of each item.
  std::vector<std::string> listed(const tracking::OverduePage& page) {
    std::vector<std::string> out;
    for (const auto& i : page.items) out.push_back(names.at(i.tracking_number) + ":" + std::to_string(i.days_overdue));
    return out;
  }
};

using Names = std::vector<std::string>;

}  // namespace

TEST_CASE("overdue: oldest due first with working days across a weekend and holidays", "[reports][overdue]") {
  Spring s;
  auto page = s.page(s.w.admin());
  REQUIRE(page);
  // O11 due Tue 04-21: 22 23 24 28 29 | 04 05 -> 7 (26, 27, 30, 01 are holidays).
  // O9 due Wed 04-22: 6. O2 due Fri 04-24: 28 29 04 05 -> 4.
  // O1 and O10 due Wed 04-29: 30 and 01 are holidays, then a weekend -> 2.
  // O3 due Mon 05-04 -> 1.
  CHECK(s.listed(*page) == Names{"O11:7", "O9:6", "O2:4", "O1:2", "O10:2", "O3:1"});
  CHECK_FALSE(page->next);
  const auto& first = page->items.front();
  CHECK(first.kind == ShipmentKind::result);
  CHECK(first.status == ShipmentStatus::held);
  CHECK(first.office.code == "AG-X");
  CHECK(first.agency.code == "AG-X");
  CHECK(first.due_at == due("2026-04-21"));
  CHECK(page->items[1].office.code == "PO-A");
}

TEST_CASE("overdue pages by (due_at and id) also between equal deadlines", "[reports][overdue]") {
  Spring s;
  auto first = s.page(s.w.admin(), 4);
  REQUIRE(first);
  CHECK(s.listed(*first) == Names{"O11:7", "O9:6", "O2:4", "O1:2"});
  REQUIRE(first->next);
  auto second = s.page(s.w.admin(), 4, first->next);
  REQUIRE(second);
  CHECK(s.listed(*second) == Names{"O10:2", "O3:1"});
  CHECK_FALSE(second->next);
}

TEST_CASE("overdue of one office and a supervisor sees its own office only", "[reports][overdue][roles]") {
  Spring s;
  auto po_a = s.page(s.w.admin(), 50, {}, "PO-A");
  REQUIRE(po_a);
  CHECK(s.listed(*po_a) == Names{"O9:6", "O2:4", "O3:1"});

  auto supervisor = s.w.staff(auth::Role::supervisor, s.po_b, "PO-B");
  auto own = s.page(supervisor);
  REQUIRE(own);
  CHECK(s.listed(*own) == Names{"O10:2"});
  auto other = s.page(supervisor, 50, {}, "PO-A");
  REQUIRE_FALSE(other);
  CHECK(other.error().errc == domain::Errc::forbidden);
  auto clerk = s.page(s.w.staff(auth::Role::clerk, s.ag_x, "AG-X"));
  REQUIRE_FALSE(clerk);
  CHECK(clerk.error().errc == domain::Errc::forbidden);
}

TEST_CASE("days overdue follow the current holiday calendar", "[reports][overdue][calendar]") {
  Spring s;
  s.w.shipments().set_calendar(domain::CalendarName::postal, domain::HolidayCalendar{});  // weekends only
  auto page = s.page(s.w.admin(), 50, {}, "PO-A");
  REQUIRE(page);
  // O9 due Wed 04-22: 23 24 27 28 29 30 01 04 05 -> 9; O2 due Fri 04-24: 7.
  CHECK(s.listed(*page) == Names{"O9:9", "O2:7", "O3:1"});
}

TEST_CASE("days overdue count the calendar of the office that created the shipment", "[reports][overdue][calendar]") {
  Spring s;
  s.w.shipments().set_calendar(domain::CalendarName::postal, domain::HolidayCalendar{});  // weekends only
  // PO-A works by the civil service's calendar as shipped: Mon 27 Apr, Thu 30 Apr and Fri 1 May are off.
  auto changed = s.w.store().write_blocking<domain::Ok>([&](store::Tx& tx) -> domain::Result<domain::Ok> {
    auto office = tx.find_office(s.po_a);
    office->calendar = domain::CalendarName::civil_service;
    tx.update_office(*office, vn("2026-04-20 07:00"));
    return domain::Ok{};
  });
  REQUIRE(changed);
  auto page = s.page(s.w.admin(), 50, {}, "PO-A");
  REQUIRE(page);
  // O9 due Wed 04-22: 23 24 28 29 04 05 -> 6; O2 due Fri 04-24: 28 29 04 05 -> 4.
  CHECK(s.listed(*page) == Names{"O9:6", "O2:4", "O3:1"});
}

TEST_CASE("the overdue flag and ?overdue=true agree with the overdue report", "[reports][overdue]") {
  Spring s;
  auto report = s.page(s.w.admin());
  REQUIRE(report);
  std::set<std::string> reported;
  for (const auto& i : report->items) reported.insert(i.tracking_number);

  store::ShipmentQuery q;
  q.overdue_at = vn(kAsOf);
  q.limit = 200;
  auto listed = s.w.shipments().list(s.w.admin(), q);
  REQUIRE(listed);
  std::set<std::string> filtered;
  for (const auto& v : listed->items) filtered.insert(v.shipment.tracking_number);
  CHECK(filtered == reported);

  // Every deadline here is long past by the clock, so the flag is the open-leg rule.
  q.overdue_at.reset();
  auto all = s.w.shipments().list(s.w.admin(), q);
  REQUIRE(all);
  for (const auto& v : all->items) {
    const auto& name = s.names.at(v.shipment.tracking_number);
    CAPTURE(name);
    bool open = name != "O6" && name != "O7" && name != "O8";
    CHECK(v.facts.overdue == open);
  }
}
