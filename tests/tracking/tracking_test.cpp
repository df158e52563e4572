// The rules of tracking, in process: a temporary store, the services and a
// ManualClock. What the e2e suite proves through the binary, here each rule
// on its own, at chosen instants, without waiting.
#include <catch2/catch.hpp>

#include "province.hpp"
#include "tracker/auth/secrets.hpp"

using namespace tracker;
using namespace tracker::domain;
using namespace tracker::test;
using namespace std::chrono_literals;

TEST_CASE("the same event id is the same event, with another body it is a conflict", "[tracking][scans]") {
  Province p;
  auto tn = p.create(p.dossier());
  p.clock.set(vn_time("2026-11-20 09:00"));
  auto scan = p.scan(tn, EventType::accepted, "2026-11-20 08:30", p.postal);
  auto first = p.record(p.postal, scan);
  REQUIRE(first);
  CHECK(first->created);
  auto again = p.record(p.postal, scan);
  REQUIRE(again);
  CHECK_FALSE(again->created);
  CHECK(again->event.event.seq == first->event.event.seq);
  auto other = scan;
  other.type = EventType::dispatched;
  other.body_hash = auth::sha256(tracking::canonical_form(other));
  auto conflict = p.record(p.postal, other);
  REQUIRE_FALSE(conflict);
  CHECK(conflict.error().errc == Errc::conflict);
  CHECK(conflict.error().code == "event_id_conflict");
  auto id = p.shipment(tn).id;
  CHECK(p.store.read([&](store::Tx& tx) { return tx.events_of(id).size(); }) == 1);
}

TEST_CASE("a scan more than five minutes ahead of the clock is refused, less is taken", "[tracking][scans][clock]") {
  Province p;
  auto tn = p.create(p.dossier());
  p.clock.set(vn_time("2026-11-20 09:00"));
  auto ahead = p.record(p.postal, p.scan(tn, EventType::accepted, "2026-11-20 09:06", p.postal));
  REQUIRE_FALSE(ahead);
  CHECK(ahead.error().fields.at(0).code == "in_future");
  CHECK(p.record(p.postal, p.scan(tn, EventType::accepted, "2026-11-20 09:04", p.postal)));
}

TEST_CASE("a clerk sees and scans only its own agency's shipments", "[tracking][scope]") {
  Province p;
  auto tn = p.create(p.dossier());
  auto parsed = *TrackingNumber::parse(tn);
  p.clock.set(vn_time("2026-11-20 12:00"));
  CHECK(p.shipments.get(p.clerk_dx, parsed));
  auto other = p.shipments.get(p.clerk_sn, parsed);
  REQUIRE_FALSE(other);
  CHECK(other.error().errc == Errc::not_found);  // not even that it exists
  auto scan = p.record(p.clerk_sn, p.scan(tn, EventType::delivered, "2026-11-20 11:00", p.clerk_sn));
  REQUIRE_FALSE(scan);
  CHECK(scan.error().errc == Errc::not_found);
  CHECK(p.shipment(tn).status == ShipmentStatus::created);
  // The agency's own clerk takes it in.
  CHECK(p.record(p.clerk_dx, p.scan(tn, EventType::delivered, "2026-11-20 11:00", p.clerk_dx)));
  CHECK(p.shipment(tn).status == ShipmentStatus::delivered);
}

TEST_CASE("a result links to its dossier whichever arrives first", "[tracking][dossier-code]") {
  Province p;
  const std::string code = "000.00.19.H12-261120-0001";
  SECTION("the dossier first, then the result made from it") {
    auto dossier = p.create(p.dossier(code));
    auto result = p.create(p.result(code));
    CHECK(p.shipment(result).linked_id == p.shipment(dossier).id);
    auto view = p.shipments.get(p.clerk_dx, *TrackingNumber::parse(dossier));
    REQUIRE(view);
    CHECK(view->linked == std::vector<std::string>{result});
  }
  SECTION("the result first, then the dossier gets the code at the agency") {
    auto result = p.create(p.result(code));
    auto dossier = p.create(p.dossier());
    CHECK_FALSE(p.shipment(result).linked_id);
    p.clock.set(vn_time("2026-11-20 12:00"));
    auto arrived = p.scan(dossier, EventType::arrived, "2026-11-20 10:00", p.clerk_dx);
    arrived.dossier_code = *DossierCode::parse(code);
    arrived.body_hash = auth::sha256(tracking::canonical_form(arrived));
    REQUIRE(p.record(p.clerk_dx, arrived));
    CHECK(p.shipment(dossier).dossier_code == code);
    CHECK(p.shipment(result).linked_id == p.shipment(dossier).id);
    auto pair = p.shipments.find_dossier_pair(p.clerk_dx, *DossierCode::parse(code));
    REQUIRE(pair);
    REQUIRE(pair->dossier);
    REQUIRE(pair->result);
    CHECK(pair->dossier->shipment.tracking_number == dossier);
    CHECK(pair->result->shipment.tracking_number == result);
    // Another agency's clerk finds neither.
    auto hidden = p.shipments.find_dossier_pair(p.clerk_sn, *DossierCode::parse(code));
    REQUIRE(hidden);
    CHECK_FALSE(hidden->dossier);
    CHECK_FALSE(hidden->result);
  }
}

TEST_CASE("a late scan is kept and the status is derived again from the whole history", "[tracking][late]") {
  Province p;
  auto tn = p.create(p.dossier());
  p.clock.set(vn_time("2026-11-20 12:00"));
  REQUIRE(p.record(p.postal, p.scan(tn, EventType::accepted, "2026-11-20 08:00", p.postal)));
  REQUIRE(p.record(p.clerk_dx, p.scan(tn, EventType::delivered, "2026-11-20 11:00", p.clerk_dx)));
  auto late_before = tracking::ScanService::late_scans();
  // The dispatch scanned offline at 09:00 arrives after the delivery.
  auto late = p.record(p.postal, p.scan(tn, EventType::dispatched, "2026-11-20 09:00", p.postal));
  REQUIRE(late);
  CHECK(late->created);
  CHECK(tracking::ScanService::late_scans() == late_before + 1);
  auto s = p.shipment(tn);
  CHECK(s.status == ShipmentStatus::delivered);  // not rolled back
  CHECK(s.last_event_at == vn_time("2026-11-20 11:00"));
  CHECK(p.store.read([&](store::Tx& tx) { return tx.events_of(s.id).size(); }) == 3);
}

namespace {

std::multiset<Channel> channels_of(const std::vector<store::OutboxMessage>& rows) {
  std::multiset<Channel> out;
  for (const auto& m : rows) out.insert(m.channel);
  return out;
}

}  // namespace

TEST_CASE("outbox rows: one per consented channel, only when the status changes", "[tracking][outbox]") {
  SECTION("SMS and e-mail consent, both channels configured") {
    Province p;
    auto tn = p.create(p.dossier());
    p.clock.set(vn_time("2026-11-20 12:00"));
    auto accepted = p.scan(tn, EventType::accepted, "2026-11-20 08:00", p.postal);
    REQUIRE(p.record(p.postal, accepted));
    auto rows = p.outbox(tn);
    CHECK(channels_of(rows) == std::multiset<Channel>{Channel::sms, Channel::email});
    for (const auto& m : rows) {
      CHECK(m.trigger == tracker::domain::Trigger{EventType::accepted});
      CHECK(m.state == MessageState::pending);
      CHECK(m.recipient == (m.channel == Channel::sms ? "+84912345678" : "hoa@example.vn"));
    }
    REQUIRE(p.record(p.postal, accepted));  // the same event again: nothing new
    REQUIRE(p.record(p.postal, p.scan(tn, EventType::accepted, "2026-11-20 08:05", p.postal)));  // no change
    REQUIRE(p.record(p.postal, p.scan(tn, EventType::dispatched, "2026-11-20 09:00", p.postal)));  // not news for a dossier
    CHECK(p.outbox(tn).size() == 2);
    REQUIRE(p.record(p.clerk_dx, p.scan(tn, EventType::delivered, "2026-11-20 11:00", p.clerk_dx)));
    CHECK(p.outbox(tn).size() == 4);
  }
  SECTION("SMS consent only") {
    Province p;
    auto n = p.dossier();
    n.notify_email = false;
    auto tn = p.create(n);
    p.clock.set(vn_time("2026-11-20 12:00"));
    REQUIRE(p.record(p.postal, p.scan(tn, EventType::accepted, "2026-11-20 08:00", p.postal)));
    CHECK(channels_of(p.outbox(tn)) == std::multiset<Channel>{Channel::sms});
  }
  SECTION("no consent") {
    Province p;
    auto n = p.dossier();
    n.notify_sms = n.notify_email = false;
    auto tn = p.create(n);
    p.clock.set(vn_time("2026-11-20 12:00"));
    REQUIRE(p.record(p.postal, p.scan(tn, EventType::accepted, "2026-11-20 08:00", p.postal)));
    CHECK(p.outbox(tn).empty());
  }
  SECTION("consent, but no SMS gateway configured") {
    Province p(tracking::NotifyChannels{false, true});
    auto tn = p.create(p.dossier());
    p.clock.set(vn_time("2026-11-20 12:00"));
    REQUIRE(p.record(p.postal, p.scan(tn, EventType::accepted, "2026-11-20 08:00", p.postal)));
    CHECK(channels_of(p.outbox(tn)) == std::multiset<Channel>{Channel::email});
  }
}

TEST_CASE("a result is return_due after two failed attempts two working days apart", "[tracking][attempts]") {
  Province p;
  auto tn = p.create(p.result("000.00.19.H12-261120-0002"));
  p.clock.set(vn_time("2026-11-26 12:00"));
  auto attempt = [&](const char* at) {
    REQUIRE(p.record(p.postal, p.scan(tn, EventType::out_for_delivery, at, p.postal)));
    REQUIRE(p.record(p.postal, p.scan(tn, EventType::delivery_failed, at, p.postal)));
  };
  REQUIRE(p.record(p.postal, p.scan(tn, EventType::accepted, "2026-11-20 08:00", p.postal)));
  attempt("2026-11-20 10:00");  // Friday
  attempt("2026-11-23 10:00");  // Monday: one working day later
  CHECK(p.shipment(tn).status == ShipmentStatus::delivery_failed);
  CHECK(p.shipment(tn).failed_attempts == 2);
  attempt("2026-11-24 10:00");  // Tuesday: Culture Day, a holiday since 2026: still one
  CHECK(p.shipment(tn).status == ShipmentStatus::delivery_failed);
  attempt("2026-11-25 10:00");  // Wednesday: two
  CHECK(p.shipment(tn).status == ShipmentStatus::return_due);
  REQUIRE(p.record(p.postal, p.scan(tn, EventType::returned, "2026-11-26 09:00", p.postal)));
  CHECK(p.shipment(tn).status == ShipmentStatus::returned);
}

TEST_CASE("the overdue flag follows the clock: due tonight is not late, tomorrow it is", "[tracking][deadline][clock]") {
  Province p;
  auto tn = p.create(p.dossier());
  auto parsed = *TrackingNumber::parse(tn);
  auto due = p.shipment(tn).due_at;
  p.clock.set(due - 1min);
  CHECK_FALSE(p.shipments.get(p.postal, parsed)->facts.overdue);
  p.clock.set(due + 1min);
  CHECK(p.shipments.get(p.postal, parsed)->facts.overdue);
  REQUIRE(p.record(p.clerk_dx, p.scan(tn, EventType::delivered, "2026-11-20 11:00", p.clerk_dx)));
  auto ended = p.shipments.get(p.postal, parsed);
  CHECK(ended->facts.terminal);
  CHECK_FALSE(ended->facts.overdue);
}

TEST_CASE("a dispatcher's claim on a due message holds until its lease ends, an attempt or a release",
          "[tracking][outbox]") {
  Province p;
  auto tn = p.create(p.dossier());
  p.clock.set(vn_time("2026-11-20 12:00"));
  REQUIRE(p.record(p.postal, p.scan(tn, EventType::accepted, "2026-11-20 08:00", p.postal)));
  const auto now = p.clock.now();
  const auto until = now + std::chrono::minutes(5);
  auto claim = [&](domain::Timestamp at, domain::Timestamp lease) {
    return *p.store.write_blocking<std::vector<store::OutboxMessage>>(
        [&](store::Tx& tx) -> domain::Result<std::vector<store::OutboxMessage>> {
          return tx.claim_due_outbox(at, lease, 10);
        });
  };
  auto first = claim(now, until);
  REQUIRE(first.size() == 2);  // SMS and e-mail
  CHECK(first[0].claimed_until == std::optional<domain::Timestamp>(until));
  CHECK(claim(now, until).empty());  // another dispatcher finds nothing to take
  CHECK(p.store.read([&](store::Tx& tx) { return tx.due_outbox(now, 10); }).empty());
  // Its sender died: after the lease the messages are taken again.
  auto later = until + std::chrono::seconds(1);
  auto again = claim(later, later + std::chrono::minutes(5));
  REQUIRE(again.size() == 2);
  // Given back unused, or attempted: free at once.
  REQUIRE(p.store.write_blocking<domain::Ok>([&](store::Tx& tx) -> domain::Result<domain::Ok> {
    tx.release_outbox_claim(again[0].id, *again[0].claimed_until);
    tx.record_attempt(again[1].id, domain::MessageState::failed, 1, later, std::string("503"), std::nullopt);
    return domain::Ok{};
  }));
  CHECK(claim(later, later + std::chrono::minutes(5)).size() == 2);
}
