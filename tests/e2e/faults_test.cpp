// Faults of the storage under the real server: a full disk and a read-only
// file system (a small tmpfs mounted by the test: needs root, else the test
// says why and checks nothing), a database locked by another process, a
// backup running during writes. Each answers 503 (or waits) rather than
// lying, keeps everything it acknowledged, and recovers by itself.
#include <sys/mount.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <thread>

#include "checks.hpp"

using namespace tracker::test;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

// A tmpfs of `size` mounted on a fresh directory for as long as it lives.
class SmallDisk {
 public:
  explicit SmallDisk(const std::string& size) {
    path_ = fs::temp_directory_path() / ("tracker-disk-" + std::to_string(::getpid()) + "-" + std::to_string(++count_));
    fs::create_directories(path_);
    std::string options = "size=" + size;
    mounted_ = ::mount("tmpfs", path_.c_str(), "tmpfs", 0, options.c_str()) == 0;
  }
  ~SmallDisk() {
    if (mounted_) ::umount2(path_.c_str(), MNT_DETACH);
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  bool mounted() const { return mounted_; }
  std::string path() const { return path_.string(); }
  bool remount(bool read_only) {
    return ::mount("tmpfs", path_.c_str(), "tmpfs", MS_REMOUNT | (read_only ? MS_RDONLY : 0), nullptr) == 0;
  }
  // Fills the disk with a file of zeros until it is full.
  void fill() {
    std::ofstream out(path_ / "filler", std::ios::binary);
    std::string block(64 * 1024, '\0');
    while (out.write(block.data(), static_cast<std::streamsize>(block.size()))) {
    }
  }
  void free_space() { fs::remove(path_ / "filler"); }

 private:
  static inline int count_ = 0;
  fs::path path_;
  bool mounted_ = false;
};

// Scans `numbers` as accepted; the 2xx ones are returned (acknowledged: must be on disk).
std::vector<std::string> scan_all(TestServer& server, const std::string& token, const std::vector<std::string>& numbers,
                                  int& refused_503) {
  std::vector<std::string> acknowledged;
  for (const auto& tn : numbers) {
    auto r = server.scan(token, tn, "accepted", hanoi_time_ago(1min));
    if (r.status == 201) acknowledged.push_back(tn);
    else if (r.status == 503) ++refused_503;
    else FAIL("unexpected " << r.status << " " << r.body);
  }
  return acknowledged;
}

int events_of(TestServer& server, const std::string& tn) {
  return static_cast<int>(count(server.shipment(tn), "/events"));
}

}  // namespace

TEST_CASE("a full disk answers 503, keeps what it acknowledged and recovers when space returns", "[e2e][faults][sqlite-file]") {
  SmallDisk disk("6m");
  if (!disk.mounted()) {
    WARN("not root (cannot mount a tmpfs): the disk-full test checks nothing here");
    return;
  }
  TestServer server(Environment{}, [&](const std::string&) { return disk.path(); });
  auto world = server.make_world();
  std::vector<std::string> numbers;
  for (int i = 0; i < 60; ++i) numbers.push_back(server.create_dossier_shipment(world.postal.token));
  int refused = 0;
  auto before = scan_all(server, world.postal.token, {numbers.begin(), numbers.begin() + 20}, refused);
  REQUIRE(before.size() == 20);

  disk.fill();
  auto during = scan_all(server, world.postal.token, {numbers.begin() + 20, numbers.begin() + 40}, refused);
  INFO(during.size() << " acknowledged while full, " << refused << " refused with 503");
  CHECK(refused > 0);
  CHECK(server.get("/readyz", "").status == 503);

  disk.free_space();
  CHECK(server.get("/readyz", "").status == 200);  // the probe write reaches the disk again
  auto after = scan_all(server, world.postal.token, {numbers.begin() + 40, numbers.end()}, refused);
  CHECK(after.size() == 20);

  // Everything acknowledged is there, also after a restart.
  server.restart();
  for (const auto* list : {&before, &during, &after}) {
    for (const auto& tn : *list) {
      CAPTURE(tn);
      CHECK(events_of(server, tn) == 1);
    }
  }
  auto intact = run_tracker({"audit", "verify", "--db", server.db_path()});
  CHECK(intact.exit_code == 0);
  server.kill(SIGTERM);
  server.wait_exit();
}

TEST_CASE("on a read-only file system the service refuses to start, naming the file, and loses nothing",
          "[e2e][faults][sqlite-file]") {
  SmallDisk disk("16m");
  if (!disk.mounted()) {
    WARN("not root (cannot mount a tmpfs): the read-only test checks nothing here");
    return;
  }
  TestServer server(Environment{}, [&](const std::string&) { return disk.path(); });
  auto world = server.make_world();
  auto tn = server.create_dossier_shipment(world.postal.token);
  REQUIRE(server.scan(world.postal.token, tn, "accepted", hanoi_time_ago(1min)).status == 201);
  server.kill(SIGTERM);
  REQUIRE(server.wait_exit() == 0);

  // A file system with open files cannot be made read-only; one found
  // read-only at start (a disk the kernel remounted after errors) is refused
  // at once rather than failing every write later.
  REQUIRE(disk.remount(true));
  auto refused = run_tracker({"serve", "--db", server.db_path(), "--listen", "127.0.0.1:0"}, std::chrono::seconds(30));
  INFO(refused.out << refused.err);
  CHECK(refused.exit_code != 0);
  CHECK_THAT(refused.err, Catch::Contains(server.db_path()));
  CHECK(run_tracker({"admin-token", "--db", server.db_path()}).exit_code != 0);

  REQUIRE(disk.remount(false));
  server.restart();
  CHECK(server.get("/readyz", "").status == 200);
  CHECK(events_of(server, tn) == 1);
  server.kill(SIGTERM);
  server.wait_exit();
}

namespace {

// Another process (Python's sqlite3) holding the database's write lock for
// `seconds`: the constructor returns once it holds it (the child says
// "locked"), the destructor waits until it has let go.
class WriteLock {
 public:
  WriteLock(const std::string& db, int seconds) {
    std::string command =
        "/usr/bin/python3 -c \"import sqlite3, sys, time\n"
        "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "c.execute('BEGIN IMMEDIATE')\n"
        "print('locked', flush=True)\n"
        "time.sleep(float(sys.argv[2]))\n"
        "c.execute('ROLLBACK')\" '" + db + "' " + std::to_string(seconds);
    pipe_ = ::popen(command.c_str(), "r");
    REQUIRE(pipe_ != nullptr);
    char line[32] = {};
    REQUIRE(std::fgets(line, sizeof line, pipe_) != nullptr);
    REQUIRE(std::string(line) == "locked\n");
  }
  ~WriteLock() { ::pclose(pipe_); }
  WriteLock(const WriteLock&) = delete;
  WriteLock& operator=(const WriteLock&) = delete;

 private:
  FILE* pipe_ = nullptr;
};

}  // namespace

TEST_CASE("a database locked by another process delays writes, and a backup running meanwhile blocks nothing",
          "[e2e][faults][sqlite-file]") {
  TestServer server;
  auto world = server.make_world();
  std::vector<std::string> numbers;
  for (int i = 0; i < 10; ++i) numbers.push_back(server.create_dossier_shipment(world.postal.token));

  // Another process holds the write lock for 2 s (less than the 5 s busy
  // timeout): the scan waits and is recorded.
  {
    WriteLock lock(server.db_path(), 2);
    CHECK(server.scan(world.postal.token, numbers[0], "accepted", hanoi_time_ago(1min)).status == 201);
  }

  // Longer than the busy timeout: 503, nothing recorded, then it recovers.
  {
    WriteLock lock(server.db_path(), 7);
    auto blocked = server.scan(world.postal.token, numbers[1], "accepted", hanoi_time_ago(1min));
    CHECK(blocked.status == 503);
  }
  CHECK(server.get("/readyz", "").status == 200);
  CHECK(server.scan(world.postal.token, numbers[1], "accepted", hanoi_time_ago(1min)).status == 201);
  CHECK(events_of(server, numbers[1]) == 1);

  // The sqlite3 shell's .backup while scans go on: WAL readers never block
  // the writer.
  std::thread backup([&] { sqlite3(server.db_path(), ".backup '" + server.dir() + "/copy.db'"); });
  int recorded = 0;
  for (std::size_t i = 2; i < numbers.size(); ++i) {
    recorded += server.scan(world.postal.token, numbers[i], "accepted", hanoi_time_ago(1min)).status == 201;
  }
  backup.join();
  CHECK(recorded == static_cast<int>(numbers.size()) - 2);
  CHECK(sqlite3(server.dir() + "/copy.db", "SELECT count(*) FROM shipments") == std::to_string(numbers.size()));
}
