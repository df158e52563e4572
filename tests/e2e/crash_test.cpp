// A 2xx means the event is on disk: kill the server in the middle of a storm
// of scans and every acknowledged one is there after a restart, exactly once.
#include <signal.h>

#include <catch2/catch.hpp>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "checks.hpp"

using namespace tracker::test;
using namespace std::chrono_literals;

TEST_CASE("every acknowledged scan survives a SIGKILL exactly once", "[e2e][crash]") {
  TestServer server;
  auto world = server.make_world();
  constexpr int kClients = 8;
  constexpr int kScansEach = 50;
  constexpr int kKillAfter = 120;  // acknowledged scans before the kill

  const std::vector<std::string> tns = {server.create_dossier_shipment(world.postal.token),
                                        server.create_dossier_shipment(world.postal.token)};
  std::vector<std::vector<std::string>> bodies(kClients);
  for (int c = 0; c < kClients; ++c) {
    for (int i = 0; i < kScansEach; ++i) {
      const char* type = i % 2 ? "arrived" : "dispatched";
      auto ago = 7200s - std::chrono::seconds(60 * i + c);
      bodies[c].push_back(json::serialize(
          server.scan_body(world.postal.token, tns[c % tns.size()], type, hanoi_time_ago(ago))));
    }
  }

  std::mutex mutex;
  std::condition_variable changed;
  int acknowledged_count = 0;
  int clients_done = 0;
  std::vector<std::vector<std::string>> acknowledged(kClients);  // event ids, per client
  std::vector<std::string> unexpected;                           // answers other than 201

  const Headers auth{{"Authorization", "Bearer " + world.postal.token}};
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      auto connection = server.connect(30s);
      for (const auto& body : bodies[c]) {
        Response r;
        try {
          r = connection->request("POST", "/api/v1/scans", body, auth);
        } catch (const HttpError&) {
          break;  // the server is gone
        }
        std::lock_guard lock(mutex);
        if (r.status == 201) {
          acknowledged[c].push_back(str(json::parse(body), "/event_id"));
          ++acknowledged_count;
        } else {
          unexpected.push_back(std::to_string(r.status) + " " + r.body.substr(0, 200));
        }
        changed.notify_all();
      }
      std::lock_guard lock(mutex);
      ++clients_done;
      changed.notify_all();
    });
  }

  {
    std::unique_lock lock(mutex);
    changed.wait_for(lock, 120s,
                     [&] { return acknowledged_count >= kKillAfter || clients_done == kClients; });
  }
  server.kill(SIGKILL);
  CHECK(server.wait_exit() == 128 + SIGKILL);
  for (auto& t : clients) t.join();

  INFO(acknowledged_count << " scans acknowledged before the kill");
  CHECK(acknowledged_count >= kKillAfter);
  CAPTURE(unexpected);
  CHECK(unexpected.empty());

  server.restart();
  std::map<std::string, int> stored;  // event id → times it appears
  for (const auto& tn : tns) {
    for (const auto& id : each(server.shipment(tn), "/events", "event_id")) ++stored[id];
  }
  std::vector<std::string> lost;
  std::vector<std::string> doubled;
  for (const auto& ids : acknowledged) {
    for (const auto& id : ids) {
      if (stored[id] == 0) lost.push_back(id);
    }
  }
  for (const auto& [id, times] : stored) {
    if (times > 1) doubled.push_back(id);
  }
  CHECK(lost.empty());
  CHECK(doubled.empty());
}
