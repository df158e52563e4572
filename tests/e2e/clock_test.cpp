// The wall clock jumps under the running server (libfaketime from Debian's
// faketime package, driven through a file; the monotonic clock is left
// alone, as an NTP step leaves it): connections and timeouts run on the
// monotonic clock and are not disturbed, recorded times follow the wall
// clock, sessions expire by it, and nothing recorded is lost or reordered
// in the audit chain.
#include <catch2/catch.hpp>
#include <csignal>
#include <filesystem>
#include <fstream>

#include "checks.hpp"

using namespace tracker::test;
using namespace std::chrono_literals;

namespace {

constexpr const char* kFakeTime = "/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1";

void set_clock(const std::string& file, const std::string& offset) {
  std::ofstream(file) << offset << "\n";
}

}  // namespace

TEST_CASE("wall clock jumps do not disturb connections, and times and sessions follow the clock", "[e2e][faults]") {
  if (!std::filesystem::exists(kFakeTime)) {
    WARN("libfaketime is not installed (Debian package faketime): the clock test checks nothing here");
    return;
  }
#if TRACKER_SANITIZED
  // libfaketime and the ASan runtime both hook clock_gettime and malloc; the
  // server then hangs at random before it listens (seen in CI, stop 23:
  // "Unexpected recursive calls to clock_gettime()", wolfcw/libfaketime#365
  // and #391). The ordinary build runs this test.
  WARN("the sanitizer build does not run libfaketime (it deadlocks with ASan): the ordinary build checks this");
  return;
#endif
  TempDir clock_dir;
  const auto clock = clock_dir.file("clock");
  set_clock(clock, "+0");
  TestServer server(Environment{{"LD_PRELOAD", kFakeTime},
                                {"FAKETIME_TIMESTAMP_FILE", clock},
                                {"FAKETIME_NO_CACHE", "1"},
                                {"FAKETIME_DONT_FAKE_MONOTONIC", "1"}});
  auto world = server.make_world();
  auto tn = server.create_dossier_shipment(world.postal.token);
  auto login = server.post("/api/v1/auth/login",
                           json::object{{"username", world.postal.username}, {"password", world.postal.password}}, "");
  REQUIRE(login.status == 200);
  const auto cookie = login.header("set-cookie").substr(0, login.header("set-cookie").find(';'));
  auto conn = server.connect(10s);  // one keep-alive connection through every jump
  const Headers bearer{{"Authorization", "Bearer " + world.postal.token}};
  REQUIRE(server.scan(world.postal.token, tn, "accepted", hanoi_time_ago(10min)).status == 201);

  // Three hours back: a device with the right time now looks three hours
  // ahead of the server and is told so; a time the server believes is taken.
  set_clock(clock, "-3h");
  CHECK(conn->request("GET", "/healthz").status == 200);
  auto ahead = server.scan(world.postal.token, tn, "dispatched", hanoi_time_ago(5min));
  CHECK(ahead.status == 422);
  CHECK_THAT(ahead.body, Catch::Contains("in_future"));
  auto taken = server.scan(world.postal.token, tn, "dispatched", hanoi_time_ago(3h + 5min));
  CHECK(taken.status == 201);
  CHECK(conn->request("GET", "/api/v1/shipments/" + tn, "", bearer).status == 200);

  // Two days ahead: the 12-hour session has expired by the wall clock; the
  // bearer token (no expiry) and the connection go on.
  set_clock(clock, "+2d");
  CHECK(conn->request("GET", "/api/v1/shipments", "", Headers{{"Cookie", cookie}}).status == 401);
  CHECK(conn->request("GET", "/api/v1/shipments/" + tn, "", bearer).status == 200);

  set_clock(clock, "+0");
  auto events = server.shipment(tn).at("events").as_array();
  CHECK(events.size() == 2);  // nothing lost, nothing invented
  server.kill(SIGTERM);
  CHECK(server.wait_exit() == 0);
  CHECK(run_tracker({"audit", "verify", "--db", server.db_path()}).exit_code == 0);
}
