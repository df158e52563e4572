// The summary report on a data set whose answer was computed by hand: on-time
// counts and rates, medians, the Vietnam-day edges of the period, scope.
#include <catch2/catch.hpp>

#include "report_world.hpp"
#include "tracker/domain/status.hpp"

using namespace tracker;
using namespace tracker::test;
using namespace tracker::domain;
using domain::Timestamp;
using tracking::LegSummary;

namespace {

Timestamp due(std::string_view day) { return domain::local_end_of_day(*domain::parse_date(day)); }

std::chrono::year_month_day day(std::string_view text) { return *domain::parse_date(text); }

// Period Mon 2026-03-02 .. Fri 2026-03-06. Offices AG-X (agency), PO-A, PO-B.
struct March {
  ReportWorld w;
  OfficeId po_a = w.add_office("PO-A", OfficeKind::post_office);
  OfficeId ag_x = w.add_office("AG-X", OfficeKind::agency);
  OfficeId po_b = w.add_office("PO-B", OfficeKind::post_office);

  March() {
    auto dossier = [&](std::string_view created, std::string_view due_day, std::optional<OfficeId> office = {}) {
      return w.add_shipment(ShipmentKind::dossier, office.value_or(po_a), ag_x, vn(created), due(due_day));
    };
    auto result = [&](std::string_view created, std::string_view due_day) {
      return w.add_shipment(ShipmentKind::result, ag_x, ag_x, vn(created), due(due_day));
    };
    // PO-A dossiers. Transit hours of the ended ones: 10, 26, 48, 26, 96.
    auto d0 = dossier("2026-03-02 00:10", "2026-03-03");  // first minutes of the period
    w.add_event(d0, EventType::delivered, vn("2026-03-02 10:10"), ShipmentStatus::delivered);  // on time, 10 h
    auto d1 = dossier("2026-03-02 08:00", "2026-03-03");
    w.add_event(d1, EventType::delivered, vn("2026-03-03 10:00"), ShipmentStatus::delivered);  // on time, 26 h
    auto d2 = dossier("2026-03-02 09:00", "2026-03-03");
    w.add_event(d2, EventType::delivered, vn("2026-03-04 09:00"), ShipmentStatus::delivered);  // late, 48 h
    auto d3 = dossier("2026-03-03 10:00", "2026-03-04");
    w.add_event(d3, EventType::accepted, vn("2026-03-03 10:30"), ShipmentStatus::accepted);
    w.add_event(d3, EventType::delivered, vn("2026-03-04 12:00"), ShipmentStatus::delivered);  // on time, 26 h
    auto d4 = dossier("2026-03-04 08:00", "2026-03-05");
    w.add_event(d4, EventType::arrived, vn("2026-03-04 15:00"), ShipmentStatus::in_transit);  // open, overdue
    auto d5 = dossier("2026-03-05 08:00", "2026-03-06");
    w.cancel(d5, vn("2026-03-05 08:30"));
    auto d6 = dossier("2026-03-05 09:00", "2026-03-06");
    // A failed attempt does not end a dossier's leg: delivery to the agency does.
    w.add_event(d6, EventType::delivery_failed, vn("2026-03-06 10:00"), ShipmentStatus::delivery_failed);
    w.add_event(d6, EventType::delivered, vn("2026-03-09 09:00"), ShipmentStatus::delivered);  // late, 96 h
    dossier("2026-03-06 23:30", "2026-03-09");  // last minutes of the period; open
    dossier("2026-03-01 23:50", "2026-03-02");  // before the period
    dossier("2026-03-07 00:00", "2026-03-09");  // after it

    // AG-X results. Transit hours: 19, 57, 64.
    auto r1 = result("2026-03-02 14:00", "2026-03-03");
    w.add_event(r1, EventType::delivery_failed, vn("2026-03-03 09:00"), ShipmentStatus::delivery_failed);  // on time, 19 h
    w.add_event(r1, EventType::delivered, vn("2026-03-04 10:00"), ShipmentStatus::delivered);
    auto r2 = result("2026-03-03 08:00", "2026-03-04");
    w.add_event(r2, EventType::delivered, vn("2026-03-06 11:00"), ShipmentStatus::delivered);
    // Recorded late, happened earlier: the first attempt moves the end back.
    w.add_event(r2, EventType::delivery_failed, vn("2026-03-05 17:00"), ShipmentStatus::delivered);  // late, 57 h
    auto r3 = result("2026-03-04 08:00", "2026-03-05");
    w.add_event(r3, EventType::out_for_delivery, vn("2026-03-05 08:00"), ShipmentStatus::out_for_delivery);  // open, overdue
    auto r4 = result("2026-03-06 16:00", "2026-03-09");
    w.add_event(r4, EventType::delivered, vn("2026-03-09 08:00"), ShipmentStatus::delivered);  // on time, 64 h

    // PO-B: one dossier, on time, 30 h.
    auto p1 = dossier("2026-03-03 10:00", "2026-03-04", po_b);
    w.add_event(p1, EventType::delivered, vn("2026-03-04 16:00"), ShipmentStatus::delivered);
  }

  domain::Result<tracking::SummaryReport> summary(const auth::Principal& p, std::optional<std::string> office = {},
                                                  std::string_view as_of = "2026-03-20 12:00",
                                                  std::string_view from = "2026-03-02",
                                                  std::string_view to = "2026-03-06") {
    tracking::SummaryQuery q{day(from), day(to), std::move(office), vn(as_of)};
    return w.run(w.reports().summary(p, q));
  }
};

struct Expected {
  std::int64_t shipments, cancelled, ended, on_time, late, open, overdue;
  std::optional<double> rate, median;
};

void check_leg(const LegSummary& l, const Expected& e) {
  CAPTURE(l.leg);
  CHECK(l.shipments == e.shipments);
  CHECK(l.cancelled == e.cancelled);
  CHECK(l.ended == e.ended);
  CHECK(l.on_time == e.on_time);
  CHECK(l.late == e.late);
  CHECK(l.open == e.open);
  CHECK(l.overdue == e.overdue);
  CHECK(l.on_time_rate.has_value() == e.rate.has_value());
  if (e.rate && l.on_time_rate) CHECK(*l.on_time_rate == Approx(*e.rate).margin(1e-9));
  CHECK(l.median_transit_hours.has_value() == e.median.has_value());
  if (e.median && l.median_transit_hours) CHECK(*l.median_transit_hours == Approx(*e.median).margin(1e-9));
}

const Expected kPoADossiers{8, 1, 5, 3, 2, 2, 2, 0.4286, 26.0};  // 3 / (5 + 2); 10 26 [26] 48 96
const Expected kAgXResults{4, 0, 3, 2, 1, 1, 1, 0.5, 57.0};     // 2 / (3 + 1); 19 [57] 64
const Expected kPoBDossiers{1, 0, 1, 1, 0, 0, 0, 1.0, 30.0};
const Expected kNothing{0, 0, 0, 0, 0, 0, 0, std::nullopt, std::nullopt};

}  // namespace

TEST_CASE("an admin's summary: every office and leg and the totals as computed by hand", "[reports][summary]") {
  March m;
  auto report = m.summary(m.w.admin());
  REQUIRE(report);
  REQUIRE(report->offices.size() == 3);
  CHECK(report->offices[0].office.code == "AG-X");
  CHECK(report->offices[1].office.code == "PO-A");
  CHECK(report->offices[2].office.code == "PO-B");
  for (const auto& o : report->offices) {
    REQUIRE(o.legs.size() == 2);
    CHECK(o.legs[0].leg == ShipmentKind::dossier);
    CHECK(o.legs[1].leg == ShipmentKind::result);
  }
  check_leg(report->offices[0].legs[0], kNothing);
  check_leg(report->offices[0].legs[1], kAgXResults);
  check_leg(report->offices[1].legs[0], kPoADossiers);
  check_leg(report->offices[1].legs[1], kNothing);
  check_leg(report->offices[2].legs[0], kPoBDossiers);
  // Totals: 4 / (6 + 2); median of 10 26 26 30 48 96 is (26 + 30) / 2.
  check_leg(report->totals[0], {9, 1, 6, 4, 2, 2, 2, 0.5, 28.0});
  check_leg(report->totals[1], kAgXResults);

  const auto& by_status = report->offices[1].legs[0].by_status;
  CHECK(by_status.at(ShipmentStatus::delivered) == 5);
  CHECK(by_status.at(ShipmentStatus::in_transit) == 1);
  CHECK(by_status.at(ShipmentStatus::cancelled) == 1);
  CHECK(by_status.at(ShipmentStatus::created) == 1);
  CHECK(by_status.size() == 4);
  CHECK(report->offices[0].legs[1].by_status.at(ShipmentStatus::out_for_delivery) == 1);
}

TEST_CASE("a leg still open is overdue only once its deadline has passed", "[reports][summary]") {
  March m;
  // On Monday 03-09 at noon the dossier created Friday night is due that
  // evening: open, not yet overdue.
  auto report = m.summary(m.w.admin(), "PO-A", "2026-03-09 12:00");
  REQUIRE(report);
  REQUIRE(report->offices.size() == 1);
  check_leg(report->offices[0].legs[0], {8, 1, 5, 3, 2, 2, 1, 0.5, 26.0});
}

TEST_CASE("a supervisor's summary covers its own office only", "[reports][summary][roles]") {
  March m;
  auto supervisor = m.w.staff(auth::Role::supervisor, m.po_a, "PO-A");
  auto own = m.summary(supervisor);
  REQUIRE(own);
  REQUIRE(own->offices.size() == 1);
  CHECK(own->offices[0].office.code == "PO-A");
  check_leg(own->offices[0].legs[0], kPoADossiers);
  check_leg(own->totals[0], kPoADossiers);
  CHECK(m.summary(supervisor, "PO-A"));

  auto other = m.summary(supervisor, "PO-B");
  REQUIRE_FALSE(other);
  CHECK(other.error().errc == domain::Errc::forbidden);
  for (auto role : {auth::Role::clerk, auth::Role::postal_worker}) {
    auto refused = m.summary(m.w.staff(role, m.ag_x, "AG-X"));
    REQUIRE_FALSE(refused);
    CHECK(refused.error().errc == domain::Errc::forbidden);
  }
}

TEST_CASE("an admin names one office and a named office is shown even when empty", "[reports][summary]") {
  March m;
  auto one = m.summary(m.w.admin(), "PO-B");
  REQUIRE(one);
  REQUIRE(one->offices.size() == 1);
  check_leg(one->offices[0].legs[0], kPoBDossiers);

  auto empty = m.summary(m.w.admin(), "PO-B", "2026-04-10 12:00", "2026-04-01", "2026-04-02");
  REQUIRE(empty);
  REQUIRE(empty->offices.size() == 1);
  check_leg(empty->offices[0].legs[0], kNothing);
  auto none = m.summary(m.w.admin(), std::nullopt, "2026-04-10 12:00", "2026-04-01", "2026-04-02");
  REQUIRE(none);
  CHECK(none->offices.empty());

  auto unknown = m.summary(m.w.admin(), "NOPE");
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error().code == "unknown_office");
}

TEST_CASE("a period is from <= to and at most 400 days", "[reports][summary]") {
  March m;
  auto [from, to, ok, code] = GENERATE(table<std::string_view, std::string_view, bool, std::string_view>({
      {"2026-03-06", "2026-03-02", false, "from_after_to"},
      {"2026-03-02", "2026-03-02", true, ""},
      {"2026-01-01", "2027-02-04", true, ""},  // 400 days, both included
      {"2026-01-01", "2027-02-05", false, "period_too_long"},
  }));
  CAPTURE(from, to);
  auto report = m.summary(m.w.admin(), std::nullopt, "2026-03-20 12:00", from, to);
  CHECK(report.has_value() == ok);
  if (!report) {
    CHECK(report.error().errc == domain::Errc::invalid);
    CHECK(report.error().code == code);
  }
}

TEST_CASE("the stored leg end is the domain's leg_ended_at", "[reports][deadline]") {
  March m;
  m.w.store().read([](store::Tx& tx) {
    store::ShipmentQuery everything;
    everything.limit = 100;
    auto all = tx.list_shipments(everything);
    REQUIRE(all.size() == 15);
    for (const auto& s : all) {
      CAPTURE(s.tracking_number);
      std::vector<domain::EventFact> facts;
      for (const auto& e : tx.events_of(s.id)) facts.push_back({e.type, e.occurred_at, e.seq});
      auto kind = s.kind;
      auto derivation = domain::derive_status(kind, facts, s.cancelled_at.has_value());
      CHECK(s.leg_ended_at == domain::leg_ended_at(kind, facts, derivation));
    }
    return 0;
  });
}
