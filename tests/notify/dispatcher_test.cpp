// The dispatcher's retry schedule, and two dispatchers sharing one outbox
// (each message claimed by one of them). Its drain of a real outbox to real
// peers is covered end to end in tests/e2e/notifications_test.cpp.
#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>
#include <set>
#include <thread>

#include "peers.hpp"
#include "tracker/notify/dispatcher.hpp"
#include "tracker/notify/templates.hpp"

using tracker::notify::Dispatcher;
using namespace std::chrono;

TEST_CASE("retries back off exponentially from first_retry, with jitter, up to an hour", "[notify][dispatcher]") {
  auto [attempts, low_s, high_s] = GENERATE(table<int, double, double>({
      {1, 4.0, 6.0},      // 5 s x [0.8, 1.2)
      {2, 8.0, 12.0},
      {3, 16.0, 24.0},
      {10, 2048.0, 3072.0},
      {20, 3600.0, 3600.0},  // capped
  }));
  CAPTURE(attempts);
  for (double jitter : {0.0, 0.5, 0.999}) {
    auto d = duration<double>(Dispatcher::backoff(seconds(5), attempts, jitter)).count();
    CAPTURE(jitter, d);
    CHECK(d >= low_s - 1e-6);
    CHECK(d <= high_s + 1e-6);
  }
  // The jitter spreads retries of messages that failed together.
  CHECK(Dispatcher::backoff(seconds(5), 3, 0.0) < Dispatcher::backoff(seconds(5), 3, 0.9));
}

// Two dispatchers on one store — as two service instances on one database —
// drain an outbox of 40 SMS to a real HTTP gateway: each message once.
TEST_CASE("two dispatchers on one store send each message once", "[notify][dispatcher]") {
  namespace store = tracker::store;
  namespace domain = tracker::domain;
  tracker::test::TempDir dir;
  tracker::test::TestDatabase database(dir, "outbox.db");
  store::Store db(database.location());
  const auto now = domain::system_clock().now();
  auto made = db.write_blocking<domain::Ok>([&](store::Tx& tx) -> domain::Result<domain::Ok> {
    store::Office post{};
    post.code = "BK-TP";
    post.name = "Bưu điện";
    auto post_id = tx.insert_office(post, now);
    store::Office agency{};
    agency.code = "UBND-DX";
    agency.kind = domain::OfficeKind::agency;
    agency.name = "UBND phường Đức Xuân";
    auto agency_id = tx.insert_office(agency, now);
    for (int i = 0; i < 40; ++i) {
      store::Shipment s;
      s.tracking_number = "EC" + std::to_string(10000000 + i) + "VN";
      s.office_id = post_id;
      s.agency_id = agency_id;
      s.citizen_name = "Nguyễn Văn An";
      s.created_at = now;
      s.due_at = now;
      auto shipment_id = tx.insert_shipment(s);
      store::Event e;
      e.shipment_id = shipment_id;
      e.event_id = "event-" + std::to_string(i);
      e.office_id = post_id;
      e.occurred_at = now;
      e.recorded_at = now;
      e.body_hash = std::string(32, 'x');
      store::OutboxMessage m;
      m.shipment_id = shipment_id;
      m.event_seq = tx.insert_event(e);
      m.recipient = "+84912345678";
      m.delivery_id = "delivery-" + std::to_string(i);
      m.next_attempt_at = now;
      m.created_at = now;
      tx.insert_outbox(m);
    }
    return domain::Ok{};
  });
  REQUIRE(made);

  tracker::test::HttpPeer gateway({200});
  auto templates = tracker::notify::Templates::load_builtin();
  REQUIRE(templates);
  tracker::notify::DispatchOptions options;
  options.sms = tracker::notify::SmsGateway{gateway.url("/sms"), "sms-gateway-secret-0123456789"};
  options.public_url = "https://tracuu.example.vn";
  options.poll = milliseconds(5);
  {
    Dispatcher a(db, *templates, options), b(db, *templates, options);
    a.start();
    b.start();
    REQUIRE(gateway.wait_for([](const auto& requests) { return requests.size() >= 40; }, seconds(30)));
    auto sent = [&] {
      return db.read([](store::Tx& tx) {
        int n = 0;
        for (const auto& m : tx.list_outbox(domain::MessageState::sent, std::nullopt, 100)) n += m.attempts == 1;
        return n;
      });
    };
    auto deadline = steady_clock::now() + seconds(10);
    while (sent() < 40 && steady_clock::now() < deadline) std::this_thread::sleep_for(milliseconds(20));
    CHECK(sent() == 40);
  }  // both stopped
  // Forty requests, forty different messages: none twice, none missed.
  std::set<std::string> references;
  for (const auto& r : gateway.requests()) {
    references.insert(std::string(boost::json::parse(r.body).at("reference").as_string()));
  }
  CHECK(gateway.request_count() == 40);
  CHECK(references.size() == 40);
}
