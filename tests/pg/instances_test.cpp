// Several `serve` processes on one PostgreSQL database (issue 14, item 6):
// clients spread over two instances scan the same shipments, replay batches
// on the other instance, send the same scan to both at once, cancel while
// others scan and confirm one handover list on both at once. Afterwards no
// acknowledged scan is lost or doubled, every shipment's stored status is the
// derivation of its events (domain::derive_status over what the API
// returns), the audit chains verify and every SMS went to the gateway once.
// Then the same with one instance killed (SIGKILL) in the middle.
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <boost/json.hpp>
#include <catch2/catch.hpp>
#include <condition_variable>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "peers.hpp"
#include "test_data.hpp"
#include "test_server.hpp"
#include "tracker/domain/status.hpp"
#include "tracker/domain/time.hpp"

using namespace tracker::test;
using namespace std::chrono_literals;
namespace domain = tracker::domain;

namespace {

constexpr std::string_view kSmsSecret = "gateway-secret";

// `lease_seconds`: how long a dispatcher's claim holds. The default (300 s)
// outlasts any send here; a short one lets the live instance take over what
// a killed one had claimed within the test.
Environment sms_env(const HttpPeer& gateway, int lease_seconds = 300) {
  return {{"TRACKER_SMS_URL", gateway.url("/sms")},
          {"TRACKER_SMS_SECRET", std::string(kSmsSecret)},
          {"TRACKER_NOTIFY_FIRST_RETRY_SECONDS", "1"},
          {"TRACKER_NOTIFY_CLAIM_LEASE_SECONDS", std::to_string(lease_seconds)}};
}

// Every scan a test sends has its own occurred_at, later than the one made
// before it: the derivation never needs the tie-break by recording order.
std::string next_occurred_at() {
  static std::atomic<int> tick{0};
  return hanoi_time_ago(std::chrono::seconds(30000 - tick++));
}

const char* kTypes[] = {"accepted", "dispatched", "arrived", "out_for_delivery"};

// What the clients were told, shared by their threads.
struct Ledger {
  std::mutex mutex;
  std::map<std::string, std::string> acknowledged;  // event id → tracking number
  std::vector<std::string> unexpected;              // answers no rule explains

  void ack(const std::string& event_id, const std::string& tn) {
    std::lock_guard lock(mutex);
    acknowledged.emplace(event_id, tn);
  }
  void odd(std::string what) {
    std::lock_guard lock(mutex);
    unexpected.push_back(std::move(what));
  }
};

std::string brief(const Response& r) { return std::to_string(r.status) + " " + r.body.substr(0, 160); }

Headers bearer(const User& u) { return {{"Authorization", "Bearer " + u.token}}; }

// The stored truth, read through the API and checked against the ledger and
// the derivation rules.
void check_shipments(TestServer& server, const std::vector<std::string>& tns,
                                         const Ledger& ledger) {
  std::map<std::string, int> stored;  // event id → times it appears
  std::vector<std::string> wrong_status;
  for (const auto& tn : tns) {
    auto s = server.shipment(tn);
    std::vector<domain::EventFact> facts;
    std::vector<bool> anomaly;
    for (const auto& e : s.at("events").as_array()) {
      ++stored[str(e, "/event_id")];
      auto type = domain::parse_event_type(str(e, "/type"));
      auto at = domain::parse_rfc3339(str(e, "/occurred_at"));
      REQUIRE(type);
      REQUIRE(at);
      facts.push_back({*type, *at, static_cast<std::int64_t>(facts.size())});
      anomaly.push_back(e.at("anomaly").as_bool());
    }
    const bool cancelled = !s.at("cancelled_at").is_null();
    auto derived = domain::derive_status(domain::ShipmentKind::dossier, facts, cancelled);
    if (std::string(domain::to_string(derived.status)) != str(s, "/status") || derived.anomaly != anomaly) {
      wrong_status.push_back(tn + ": stored " + str(s, "/status") + ", derived " +
                             std::string(domain::to_string(derived.status)));
    }
  }
  std::vector<std::string> lost;
  std::vector<std::string> doubled;
  for (const auto& [id, tn] : ledger.acknowledged) {
    if (stored[id] == 0) lost.push_back(tn + " " + id);
  }
  for (const auto& [id, times] : stored) {
    if (times > 1) doubled.push_back(id);
  }
  INFO(ledger.acknowledged.size() << " scans acknowledged, " << stored.size() << " stored");
  CHECK(lost.empty());
  CHECK(doubled.empty());
  CAPTURE(wrong_status);
  CHECK(wrong_status.empty());
}

void check_audit(const TestServer& server) {
  auto verified = run_tracker({"audit", "verify", "--db", server.db_path()});
  INFO(verified.out << verified.err);
  CHECK(verified.exit_code == 0);
}

// Waits until every SMS the shipments list is sent; then the gateway's
// requests by reference (the message's delivery_id).
std::map<std::string, int> wait_sent(TestServer& server, const std::vector<std::string>& tns,
                                     const HttpPeer& gateway, std::size_t& listed) {
  std::vector<json::value> sms;
  auto deadline = std::chrono::steady_clock::now() + 60s;
  for (;;) {
    sms.clear();
    for (const auto& tn : tns) {
      auto shipment = server.shipment(tn);
      for (const auto& m : shipment.at("notifications").as_array()) {
        if (str(m, "/channel") == "sms") sms.push_back(m);
      }
    }
    bool all_sent = std::all_of(sms.begin(), sms.end(), [](const json::value& m) { return str(m, "/state") == "sent"; });
    if (all_sent || std::chrono::steady_clock::now() > deadline) break;
    std::this_thread::sleep_for(200ms);
  }
  std::vector<std::string> unsent;
  for (const auto& m : sms) {
    if (str(m, "/state") != "sent") unsent.push_back(str(m, "/delivery_id") + " " + str(m, "/state"));
  }
  CAPTURE(unsent);
  CHECK(unsent.empty());
  listed = sms.size();
  std::map<std::string, int> requests;
  for (const auto& r : gateway.requests()) {
    ++requests[std::string(json::parse(r.body).at("reference").as_string())];
  }
  for (const auto& m : sms) {
    if (!requests.count(str(m, "/delivery_id"))) requests[str(m, "/delivery_id")] = 0;
  }
  return requests;
}

std::vector<std::string> make_shipments(TestServer& server, const User& postal, int n) {
  std::vector<std::string> tns;
  for (int i = 0; i < n; ++i) {
    tns.push_back(server.create_dossier_shipment(postal.token, {{"notify", json::array{"sms"}}}));
  }
  return tns;
}

}  // namespace

TEST_CASE("two instances on one database: 16 clients scanning, replaying, cancelling and confirming at once",
          "[pg][instances]") {
  HttpPeer gateway({200});
  TestServer a(sms_env(gateway));
  auto world = a.make_world();
  TestServer b(a, sms_env(gateway));
  TestServer* servers[] = {&a, &b};

  constexpr int kShipments = 200;
  constexpr int kClients = 16;
  constexpr int kScansEach = 40;
  auto tns = make_shipments(a, world.postal, kShipments);
  auto cancellable = make_shipments(a, world.postal, 16);
  auto handed = make_shipments(a, world.postal, 20);
  for (const auto& tn : handed) REQUIRE(a.scan(world.postal.token, tn, "accepted", next_occurred_at()).status == 201);

  Ledger ledger;
  // The same scan sent by the two clients of a pair, one on each instance:
  // event id → the statuses they were answered.
  std::map<std::string, std::vector<int>> shared_answers;
  std::vector<std::vector<std::string>> shared_bodies(kClients / 2);
  for (auto& bodies : shared_bodies) {
    for (int k = 0; k < 5; ++k) {
      bodies.push_back(json::serialize(
          a.scan_body(world.postal.token, tns[bodies.size() * 37 % kShipments], "arrived", next_occurred_at())));
    }
  }

  std::vector<std::thread> threads;
  for (int c = 0; c < kClients; ++c) {
    threads.emplace_back([&, c] {
      TestServer& mine = *servers[c % 2];
      TestServer& other = *servers[1 - c % 2];
      auto here = mine.connect(30s);
      auto there = other.connect(30s);
      const auto auth = bearer(world.postal);
      for (int i = 0; i < kScansEach; ++i) {
        if (i % 8 == 7) {
          // A batch of five, then the same batch again on the other instance:
          // every item it took is a replay there.
          json::array scans;
          for (int k = 0; k < 5; ++k) {
            scans.push_back(a.scan_body(world.postal.token, tns[(c * 11 + i * 5 + k) % kShipments],
                                        kTypes[(i + k) % 4], next_occurred_at()));
          }
          auto body = json::serialize(json::object{{"scans", scans}});
          auto first = here->request("POST", "/api/v1/scans/batch", body, auth);
          auto again = there->request("POST", "/api/v1/scans/batch", body, auth);
          if (first.status != 200 || again.status != 200) {
            ledger.odd("batch " + brief(first) + " / " + brief(again));
            continue;
          }
          const auto first_doc = first.json();
          const auto again_doc = again.json();
          const auto& took = first_doc.at("results").as_array();
          const auto& replayed = again_doc.at("results").as_array();
          for (std::size_t k = 0; k < took.size(); ++k) {
            auto id = str(took[k], "/event_id");
            if (str(took[k], "/status") != "201" || str(replayed[k], "/status") != "200") {
              ledger.odd("batch item " + id + ": " + str(took[k], "/status") + " then " + str(replayed[k], "/status"));
            }
            if (str(took[k], "/status") == "201") ledger.ack(id, str(scans[k], "/tracking_number"));
          }
        } else if (i % 8 == 1 || i % 8 == 4) {
          // The pair's shared scan, sent on this instance while the other
          // client of the pair sends it on the other.
          const auto& body = shared_bodies[c / 2][(i / 8) % 5];
          auto r = here->request("POST", "/api/v1/scans", body, auth);
          auto doc = json::parse(body);
          std::lock_guard lock(ledger.mutex);
          shared_answers[str(doc, "/event_id")].push_back(r.status);
          if (r.status == 201 || r.status == 200) ledger.acknowledged.emplace(str(doc, "/event_id"), str(doc, "/tracking_number"));
        } else {
          auto tn = tns[(c * 13 + i * 7) % kShipments];
          auto body = json::serialize(a.scan_body(world.postal.token, tn, kTypes[(c + i) % 4], next_occurred_at()));
          auto r = here->request("POST", "/api/v1/scans", body, auth);
          if (r.status != 201) {
            ledger.odd("scan " + brief(r));
            continue;
          }
          auto id = str(json::parse(body), "/event_id");
          ledger.ack(id, tn);
          if (i % 5 == 0) {
            auto replay = there->request("POST", "/api/v1/scans", body, auth);
            if (replay.status != 200 || str(replay.json(), "/event/event_id") != id) ledger.odd("replay " + brief(replay));
          }
        }
      }
    });
  }

  // Cancel on one instance while the other scans the same shipment.
  std::map<std::string, std::pair<int, int>> race;  // tn → (cancel, scan) statuses
  std::mutex race_mutex;
  threads.emplace_back([&] {
    auto c = a.connect(30s);
    for (const auto& tn : cancellable) {
      auto r = c->request("POST", "/api/v1/shipments/" + tn + "/cancel", "{}", bearer(world.postal));
      std::lock_guard lock(race_mutex);
      race[tn].first = r.status;
    }
  });
  threads.emplace_back([&] {
    auto c = b.connect(30s);
    for (const auto& tn : cancellable) {
      auto body = json::serialize(a.scan_body(world.postal.token, tn, "accepted", next_occurred_at()));
      auto r = c->request("POST", "/api/v1/scans", body, bearer(world.postal));
      if (r.status == 201) ledger.ack(str(json::parse(body), "/event_id"), tn);
      std::lock_guard lock(race_mutex);
      race[tn].second = r.status;
    }
  });

  // Five handover lists made on A, each confirmed by the agency's clerk on
  // both instances at once.
  std::vector<std::string> codes;
  std::vector<std::pair<int, int>> confirms;
  threads.emplace_back([&] {
    auto made_on = a.connect(30s);
    for (int l = 0; l < 5; ++l) {
      std::vector<std::string> items(handed.begin() + l * 4, handed.begin() + l * 4 + 4);
      auto made = made_on->request(
          "POST", "/api/v1/handovers",
          json::serialize(json::object{{"to_office", std::string(kAgencyDx)}, {"tracking_numbers", string_array(items)}}),
          bearer(world.postal));
      if (made.status != 201) {
        ledger.odd("handover " + brief(made));
        continue;
      }
      codes.push_back(str(made.json(), "/code"));
      auto confirm = json::serialize(json::object{{"received", string_array(items)}, {"occurred_at", next_occurred_at()},
                                                  {"received_by", "Trần Thị Bình"}});
      auto path = "/api/v1/handovers/" + str(made.json(), "/id") + "/confirm";
      int on_a = 0;
      int on_b = 0;
      std::thread other([&] { on_b = b.connect(30s)->request("POST", path, confirm, bearer(world.clerk_dx)).status; });
      on_a = a.connect(30s)->request("POST", path, confirm, bearer(world.clerk_dx)).status;
      other.join();
      confirms.emplace_back(on_a, on_b);
    }
  });
  for (auto& t : threads) t.join();

  CAPTURE(ledger.unexpected);
  CHECK(ledger.unexpected.empty());

  // The same scan on both instances: taken once (201), the other a replay.
  for (const auto& [id, answers] : shared_answers) {
    CAPTURE(id, answers);
    CHECK(std::count(answers.begin(), answers.end(), 201) == 1);
    CHECK(std::count(answers.begin(), answers.end(), 200) == static_cast<long>(answers.size()) - 1);
  }
  CHECK(shared_answers.size() == kClients / 2 * 5);

  // Cancel or scan, never both.
  for (const auto& [tn, statuses] : race) {
    CAPTURE(tn, statuses.first, statuses.second);
    CHECK(((statuses.first == 200 && statuses.second == 409) || (statuses.first == 409 && statuses.second == 201)));
  }

  // Each list confirmed once; numbered apart; each item delivered once.
  CHECK(codes.size() == 5);
  CHECK(std::set<std::string>(codes.begin(), codes.end()).size() == codes.size());
  for (const auto& [on_a, on_b] : confirms) {
    CAPTURE(on_a, on_b);
    CHECK(((on_a == 200 && on_b == 409) || (on_a == 409 && on_b == 200)));
  }
  for (const auto& tn : handed) {
    auto events = each(a.shipment(tn), "/events", "type");
    CAPTURE(tn);
    CHECK(events.count("delivered") == 1);
  }

  std::vector<std::string> all = tns;
  all.insert(all.end(), cancellable.begin(), cancellable.end());
  all.insert(all.end(), handed.begin(), handed.end());
  check_shipments(b, all, ledger);
  check_audit(a);

  std::size_t listed = 0;
  auto requests = wait_sent(a, all, gateway, listed);
  std::vector<std::string> not_once;
  for (const auto& [reference, n] : requests) {
    if (n != 1) not_once.push_back(reference + " ×" + std::to_string(n));
  }
  INFO(listed << " SMS listed, " << gateway.request_count() << " gateway requests");
  CHECK(listed > 0);
  CAPTURE(not_once);
  CHECK(not_once.empty());
  CHECK(requests.size() == listed);
}

TEST_CASE("one of two instances killed mid-load: clients carry on at the other and nothing acknowledged is lost",
          "[pg][instances]") {
  HttpPeer gateway({200});
  TestServer a(sms_env(gateway, 3));
  auto world = a.make_world();
  auto victim = std::make_unique<TestServer>(a, sms_env(gateway, 3));
  const unsigned short victim_port = victim->port();

  constexpr int kClients = 16;
  constexpr int kScansEach = 30;
  constexpr int kKillAfter = 150;
  auto tns = make_shipments(a, world.postal, 50);
  std::vector<std::vector<std::string>> bodies(kClients);
  for (int c = 0; c < kClients; ++c) {
    for (int i = 0; i < kScansEach; ++i) {
      bodies[c].push_back(json::serialize(a.scan_body(world.postal.token, tns[(c * 7 + i) % tns.size()],
                                                      kTypes[(c + i) % 4], next_occurred_at())));
    }
  }

  Ledger ledger;
  std::mutex mutex;
  std::condition_variable changed;
  int acknowledged = 0;
  int failed_over = 0;
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      bool on_victim = c % 2;
      auto connection = std::make_unique<HttpConnection>(on_victim ? victim_port : a.port(), 30s);
      for (const auto& body : bodies[c]) {
        Response r;
        try {
          r = connection->request("POST", "/api/v1/scans", body, bearer(world.postal));
        } catch (const HttpError&) {
          if (!on_victim) {
            ledger.odd("the live instance dropped a connection");
            break;
          }
          // The instance is gone: the same scan again at the other one
          // (taken there, or a replay when the dead one had committed it).
          on_victim = false;
          connection = a.connect(30s);
          r = connection->request("POST", "/api/v1/scans", body, bearer(world.postal));
          std::lock_guard lock(mutex);
          ++failed_over;
        }
        if (r.status == 201 || r.status == 200) {
          ledger.ack(str(json::parse(body), "/event_id"), str(json::parse(body), "/tracking_number"));
        } else {
          ledger.odd(brief(r));
        }
        std::lock_guard lock(mutex);
        ++acknowledged;
        changed.notify_all();
      }
    });
  }
  {
    std::unique_lock lock(mutex);
    changed.wait_for(lock, 120s, [&] { return acknowledged >= kKillAfter; });
  }
  victim->kill(SIGKILL);
  CHECK(victim->wait_exit() == 128 + SIGKILL);
  for (auto& t : clients) t.join();
  victim.reset();

  INFO(failed_over << " clients moved to the other instance after the kill");
  CAPTURE(ledger.unexpected);
  CHECK(ledger.unexpected.empty());
  CHECK(ledger.acknowledged.size() == static_cast<std::size_t>(kClients * kScansEach));
  check_shipments(a, tns, ledger);
  check_audit(a);

  // What the dead instance had claimed is sent by the live one once its
  // lease (3 s here) ran out. A message the dead one had sent but not yet
  // marked sent goes out a second time: at least once, never lost.
  std::size_t listed = 0;
  auto requests = wait_sent(a, tns, gateway, listed);
  int twice = 0;
  std::vector<std::string> never;
  for (const auto& [reference, n] : requests) {
    if (n == 0) never.push_back(reference);
    if (n > 1) ++twice;
  }
  INFO(listed << " SMS listed, " << gateway.request_count() << " requests, " << twice << " sent twice");
  CHECK(listed > 0);
  CAPTURE(never);
  CHECK(never.empty());
  CHECK(twice <= 64);  // at most one claimed batch of the dead dispatcher
}

TEST_CASE("one dossier code sent to two instances at once: one shipment takes it, the other is told 409",
          "[pg][instances]") {
  TestServer a;
  auto world = a.make_world();
  TestServer b(a, {});
  std::vector<std::string> outcomes;
  for (int i = 1; i <= 10; ++i) {
    char code[40];
    std::snprintf(code, sizeof code, "%s-261201-%04d", std::string(kAgencyDxCode).c_str(), i);
    auto body = json::serialize(TestServer::dossier_body({{"dossier_code", code}}));
    Response on_a;
    Response on_b;
    std::thread other([&] { on_b = b.connect(30s)->request("POST", "/api/v1/shipments", body, bearer(world.postal)); });
    on_a = a.connect(30s)->request("POST", "/api/v1/shipments", body, bearer(world.postal));
    other.join();
    CAPTURE(code, brief(on_a), brief(on_b));
    const bool a_took = on_a.status == 201;
    const Response& refused = a_took ? on_b : on_a;
    CHECK((a_took ? on_b : on_a).status == 409);
    CHECK(str(refused.json(), "/code") == "dossier_code_taken");
    CHECK(((a_took ? on_a : on_b).status == 201));
    outcomes.push_back(a_took ? "a" : "b");
  }
  INFO(std::count(outcomes.begin(), outcomes.end(), "a") << " of 10 taken on the first instance");
  auto found = a.get("/api/v1/shipments?kind=dossier&limit=100", world.postal.token);
  REQUIRE(found.status == 200);
  CHECK(found.json().at("items").as_array().size() == 10);
}
