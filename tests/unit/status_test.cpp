#include "tracker/domain/status.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace tracker::domain;
using E = EventType;
using S = ShipmentStatus;

namespace {

// 27 Nov 2026 at hh:mm, Vietnam time.
Timestamp at(const char* hh_mm) {
  auto t = parse_rfc3339(std::string("2026-11-27T") + hh_mm + ":00+07:00");
  REQUIRE(t.has_value());
  return *t;
}

// Events recorded in the order given (seq 1, 2, ...).
std::vector<EventFact> recorded(std::vector<std::pair<E, const char*>> scans) {
  std::vector<EventFact> out;
  for (auto& [type, time] : scans) {
    out.push_back(EventFact{type, at(time), static_cast<std::int64_t>(out.size() + 1)});
  }
  return out;
}

std::vector<bool> none(std::size_t n) { return std::vector<bool>(n, false); }

}  // namespace

TEST_CASE("without events a shipment is created or cancelled", "[domain][status]") {
  auto created = derive_status(ShipmentKind::dossier, {}, false);
  CHECK(created.status == S::created);
  CHECK(created.anomaly.empty());
  CHECK(created.failed_attempts == 0);
  CHECK(derive_status(ShipmentKind::result, {}, true).status == S::cancelled);
}

TEST_CASE("each event moves the status along", "[domain][status]") {
  auto [type, status] = GENERATE(table<E, S>({
      {E::accepted, S::accepted},
      {E::dispatched, S::in_transit},
      {E::arrived, S::in_transit},
      {E::out_for_delivery, S::out_for_delivery},
      {E::delivery_failed, S::delivery_failed},
      {E::held, S::held},
      {E::delivered, S::delivered},
  }));
  CAPTURE(to_string(type));
  auto events = recorded({{E::accepted, "08:00"}, {type, "09:00"}});
  auto d = derive_status(ShipmentKind::result, events, false);
  CHECK(d.status == status);
  CHECK(d.anomaly == none(2));
}

TEST_CASE("a dossier's whole journey ends delivered", "[domain][status]") {
  auto events = recorded({{E::accepted, "08:00"},
                          {E::dispatched, "08:30"},
                          {E::arrived, "09:00"},
                          {E::out_for_delivery, "09:10"},
                          {E::delivered, "09:30"}});
  auto d = derive_status(ShipmentKind::dossier, events, false);
  CHECK(d.status == S::delivered);
  CHECK(d.anomaly == none(5));
  CHECK(d.failed_attempts == 0);
}

TEST_CASE("a late scan is kept and does not roll the status back", "[domain][status]") {
  // delivered at 09:00 recorded first, arrived at 08:00 recorded later.
  auto events = recorded({{E::delivered, "09:00"}, {E::arrived, "08:00"}});
  auto d = derive_status(ShipmentKind::dossier, events, false);
  CHECK(d.status == S::delivered);
  CHECK(d.anomaly == none(2));
}

TEST_CASE("missing intermediate scans are not anomalies", "[domain][status]") {
  auto arrived = recorded({{E::arrived, "08:00"}});
  CHECK(derive_status(ShipmentKind::dossier, arrived, false).status == S::in_transit);
  CHECK(derive_status(ShipmentKind::dossier, arrived, false).anomaly == none(1));

  auto failed = recorded({{E::accepted, "08:00"}, {E::delivery_failed, "10:00"}});
  auto d = derive_status(ShipmentKind::result, failed, false);
  CHECK(d.status == S::delivery_failed);
  CHECK(d.anomaly == none(2));
  CHECK(d.failed_attempts == 1);
}

TEST_CASE("after a failed attempt the item may go anywhere but back to accepted",
          "[domain][status]") {
  auto events = recorded({{E::accepted, "07:00"},
                          {E::out_for_delivery, "08:00"},
                          {E::delivery_failed, "09:00"},
                          {E::held, "09:30"},
                          {E::dispatched, "10:00"},
                          {E::arrived, "11:00"},
                          {E::out_for_delivery, "12:00"},
                          {E::delivery_failed, "13:00"},
                          {E::out_for_delivery, "14:00"},
                          {E::delivered, "15:00"}});
  auto d = derive_status(ShipmentKind::result, events, false);
  CHECK(d.status == S::delivered);
  CHECK(d.anomaly == none(events.size()));
  CHECK(d.failed_attempts == 2);
}

TEST_CASE("contradictory events are marked and change nothing", "[domain][status]") {
  using Scans = std::vector<std::pair<E, const char*>>;
  auto [kind, scans, status, anomaly] = GENERATE(table<ShipmentKind, Scans, S, std::vector<bool>>({
      // anything after delivered, including a second delivered
      {ShipmentKind::result,
       Scans{{E::delivered, "09:00"}, {E::out_for_delivery, "10:00"}},
       S::delivered,
       {false, true}},
      {ShipmentKind::result,
       Scans{{E::delivered, "09:00"}, {E::delivered, "10:00"}},
       S::delivered,
       {false, true}},
      // accepted once the item has moved on; a repeated accepted is fine
      {ShipmentKind::dossier,
       Scans{{E::arrived, "08:00"}, {E::accepted, "09:00"}},
       S::in_transit,
       {false, true}},
      {ShipmentKind::dossier,
       Scans{{E::accepted, "08:00"}, {E::accepted, "09:00"}},
       S::accepted,
       {false, false}},
      {ShipmentKind::result,
       Scans{{E::delivery_failed, "08:00"}, {E::accepted, "09:00"}},
       S::delivery_failed,
       {false, true}},
      // returned: never for a dossier, and only after a failed attempt
      {ShipmentKind::dossier,
       Scans{{E::delivery_failed, "08:00"}, {E::returned, "09:00"}},
       S::delivery_failed,
       {false, true}},
      {ShipmentKind::result,
       Scans{{E::out_for_delivery, "08:00"}, {E::returned, "09:00"}},
       S::out_for_delivery,
       {false, true}},
      {ShipmentKind::result,
       Scans{{E::delivery_failed, "08:00"}, {E::delivery_failed, "10:00"}, {E::returned, "12:00"}},
       S::returned,
       {false, false, false}},
      // nothing after returned; a failure after it does not count
      {ShipmentKind::result,
       Scans{{E::delivery_failed, "08:00"}, {E::returned, "09:00"}, {E::delivery_failed, "10:00"}},
       S::returned,
       {false, false, true}},
  }));
  auto events = recorded(scans);
  auto d = derive_status(kind, events, false);
  CHECK(d.status == status);
  CHECK(d.anomaly == anomaly);
}

TEST_CASE("anomalies are reported by input index, not sorted position", "[domain][status]") {
  std::vector<EventFact> events{
      {E::delivered, at("15:00"), 5},
      {E::accepted, at("08:00"), 1},
      {E::returned, at("10:00"), 2},  // no failed attempt before it
      {E::out_for_delivery, at("09:00"), 3},
      {E::accepted, at("12:00"), 4},  // after out_for_delivery
  };
  auto d = derive_status(ShipmentKind::result, events, false);
  CHECK(d.status == S::delivered);
  CHECK(d.anomaly == std::vector<bool>{false, false, true, false, true});
}

TEST_CASE("events at the same instant are ordered by seq", "[domain][status]") {
  SECTION("out_for_delivery recorded first") {
    std::vector<EventFact> events{{E::delivered, at("09:00"), 2},
                                  {E::out_for_delivery, at("09:00"), 1}};
    auto d = derive_status(ShipmentKind::result, events, false);
    CHECK(d.status == S::delivered);
    CHECK(d.anomaly == none(2));
  }
  SECTION("delivered recorded first") {
    std::vector<EventFact> events{{E::delivered, at("09:00"), 1},
                                  {E::out_for_delivery, at("09:00"), 2}};
    auto d = derive_status(ShipmentKind::result, events, false);
    CHECK(d.status == S::delivered);
    CHECK(d.anomaly == std::vector<bool>{false, true});
  }
}

TEST_CASE("events of a cancelled shipment are anomalies", "[domain][status]") {
  auto events = recorded({{E::accepted, "08:00"}, {E::arrived, "09:00"}});
  auto d = derive_status(ShipmentKind::dossier, events, true);
  CHECK(d.status == S::cancelled);
  CHECK(d.anomaly == std::vector<bool>{true, true});
}

TEST_CASE("a leg ends at handover (dossier) or first attempt (result)", "[domain][status]") {
  auto dossier = recorded({{E::accepted, "08:00"}, {E::delivered, "11:00"}});
  auto d = derive_status(ShipmentKind::dossier, dossier, false);
  CHECK(leg_ended_at(ShipmentKind::dossier, dossier, d) == at("11:00"));

  auto result =
      recorded({{E::delivered, "15:00"}, {E::accepted, "08:00"}, {E::delivery_failed, "10:00"}});
  auto r = derive_status(ShipmentKind::result, result, false);
  CHECK(leg_ended_at(ShipmentKind::result, result, r) == at("10:00"));

  auto open = recorded({{E::accepted, "08:00"}, {E::delivery_failed, "10:00"}});
  auto o = derive_status(ShipmentKind::dossier, open, false);
  CHECK_FALSE(leg_ended_at(ShipmentKind::dossier, open, o).has_value());
}

TEST_CASE("only normal failed attempts are counted", "[domain][status]") {
  auto events = recorded({{E::delivery_failed, "08:00"},
                          {E::returned, "09:00"},
                          {E::delivery_failed, "10:00"}});  // after returned: an anomaly
  auto d = derive_status(ShipmentKind::result, events, false);
  CHECK(d.status == S::returned);
  CHECK(d.failed_attempts == 1);
}
