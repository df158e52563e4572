// The events feed: a reader following next_cursor while scans are being
// written sees every event once, in commit order; scope and filters hold.
#include <catch2/catch.hpp>
#include <atomic>
#include <thread>

#include "checks.hpp"

using namespace tracker::test;
using namespace std::chrono_literals;

TEST_CASE("a reader of the events feed misses and repeats nothing while scans are written", "[e2e][feed]") {
  TestServer server;
  auto world = server.make_world();
  std::vector<std::string> tns;
  for (int i = 0; i < 30; ++i) tns.push_back(server.create_dossier_shipment(world.postal.token));

  std::atomic<bool> done{false};
  std::atomic<int> written{0};
  std::thread writer([&] {
    for (const char* type : {"accepted", "dispatched", "arrived"}) {
      for (const auto& tn : tns) {
        if (server.scan(world.postal.token, tn, type, hanoi_time_ago(10min)).status == 201) ++written;
      }
    }
    done = true;
  });

  // The reader has its own connection (the writer uses the server's).
  auto reader = server.connect();
  const Headers clerk{{"Authorization", "Bearer " + world.clerk_dx.token}};
  std::vector<std::string> seen;  // event ids in feed order
  std::string cursor = "0";
  bool failed = false;
  auto read_page = [&]() -> std::size_t {
    auto r = reader->request("GET", "/api/v1/events?limit=7&after=" + cursor, "", clerk);
    if (r.status != 200) {
      failed = true;
      return 0;
    }
    auto page = r.json();
    for (const auto& item : at(page, "/items").as_array()) {
      seen.push_back(str(item, "/event_id"));
      CHECK(str(item, "/agency") == std::string(kAgencyDx));
      CHECK(is_hanoi_rfc3339(str(item, "/recorded_at")));
    }
    cursor = str(page, "/next_cursor");
    return count(page, "/items");
  };
  while (!done && !failed) {
    read_page();
    std::this_thread::sleep_for(5ms);
  }
  writer.join();
  REQUIRE_FALSE(failed);
  while (read_page() > 0) {
  }
  REQUIRE_FALSE(failed);
  REQUIRE(written == 90);
  std::set<std::string> unique(seen.begin(), seen.end());
  CHECK(unique.size() == seen.size());  // nothing twice
  std::set<std::string> recorded;
  for (const auto& tn : tns) {
    auto shipment = server.shipment(tn);
    for (const auto& e : at(shipment, "/events").as_array()) recorded.insert(str(e, "/event_id"));
  }
  CHECK(unique == recorded);  // nothing missed

  // At the end the cursor stays where it is; a reader resumes there.
  auto end = server.get("/api/v1/events?after=" + cursor, world.clerk_dx.token).json();
  CHECK(count(end, "/items") == 0);
  CHECK(str(end, "/next_cursor") == cursor);
}

TEST_CASE("scans and agency statuses interleave in the feed, each once, in small pages", "[e2e][feed]") {
  TestServer server;
  auto world = server.make_world();
  auto system = server.post("/api/v1/users",
                            json::object{{"username", "tthc.dx"}, {"role", "agency_system"}, {"office", kAgencyDx}},
                            server.admin_token());
  REQUIRE(system.status == 201);
  const auto token = str(system.json(), "/token");
  std::vector<std::string> expected;  // event ids in the order written
  for (int i = 0; i < 6; ++i) {
    std::string code = std::string(kAgencyDxCode) + "-261127-" + std::to_string(2000 + i);
    auto tn = server.create_dossier_shipment(world.postal.token, {{"dossier_code", code}});
    for (const char* type : {"accepted", "dispatched"}) {
      auto id = new_event_id();
      REQUIRE(server.scan(world.postal.token, tn, type, hanoi_time_ago(30min), {{"event_id", id}}).status == 201);
      expected.push_back(id);
    }
    auto id = new_event_id();
    REQUIRE(server.post("/api/v1/dossiers/" + code + "/events",
                        json::object{{"event_id", id}, {"status", i % 2 ? "received" : "paused"},
                                     {"occurred_at", hanoi_time_ago(1min)}},
                        token)
                .status == 201);
    expected.push_back(id);
  }
  // Pages of 2, resumed from each page's cursor, and once from an item's.
  std::vector<std::string> seen;
  std::string cursor = "0";
  for (int pages = 0; pages < 20; ++pages) {
    auto page = server.get("/api/v1/events?limit=2&after=" + cursor, world.clerk_dx.token).json();
    for (const auto& item : at(page, "/items").as_array()) seen.push_back(str(item, "/event_id"));
    if (count(page, "/items") == 0) break;
    cursor = str(page, "/next_cursor");
  }
  CHECK(seen == expected);
  auto all = server.get("/api/v1/events", world.clerk_dx.token).json();
  auto middle = str(all, "/items/4/cursor");
  auto after_middle = server.get("/api/v1/events?after=" + middle, world.clerk_dx.token).json();
  REQUIRE(count(after_middle, "/items") == expected.size() - 5);
  CHECK(str(after_middle, "/items/0/event_id") == expected[5]);
  // A cursor of the form before statuses (a lone event position) still reads.
  CHECK(server.get("/api/v1/events?after=3", world.clerk_dx.token).status == 200);
  CHECK(server.get("/api/v1/events?after=3.x", world.clerk_dx.token).status == 422);
}

TEST_CASE("the events feed is scoped and filtered", "[e2e][feed]") {
  TestServer server;
  auto world = server.make_world();
  auto tn = server.create_dossier_shipment(world.postal.token);
  REQUIRE(server.scan(world.postal.token, tn, "accepted", hanoi_time_ago(20min)).status == 201);
  REQUIRE(server.scan(world.postal.token, tn, "dispatched", hanoi_time_ago(10min)).status == 201);

  auto items = [&](const std::string& query, const std::string& token) {
    auto r = server.get("/api/v1/events" + query, token);
    REQUIRE(r.status == 200);
    return r.json();
  };
  CHECK(count(items("", world.clerk_sn.token), "/items") == 0);  // another agency's
  CHECK(count(items("", world.postal.token), "/items") == 2);
  CHECK(count(items("?types=dispatched", server.admin_token()), "/items") == 1);
  CHECK(count(items("?agency=UBND-SN", server.admin_token()), "/items") == 0);
  auto one = items("?limit=1", server.admin_token());
  CHECK(str(one, "/items/0/type") == "accepted");
  CHECK(str(one, "/items/0/tracking_number") == tn);
  auto rest = items("?after=" + str(one, "/next_cursor"), server.admin_token());
  CHECK(each(rest, "/items", "type") == std::multiset<std::string>{"dispatched"});

  CHECK(server.get("/api/v1/events", "").status == 401);
  CHECK(server.get("/api/v1/events?types=teleported", server.admin_token()).status == 422);
  CHECK(server.get("/api/v1/events?after=abc", server.admin_token()).status == 422);
  CHECK(server.get("/api/v1/events?agency=NOPE", server.admin_token()).status == 422);
}
