// The command line of API.md: tests and operators script against it.
#include <signal.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <regex>

#include "checks.hpp"

using namespace tracker::test;
using namespace std::chrono_literals;

TEST_CASE("the program prints its version and exits 0 on --version", "[e2e][cli]") {
  auto r = run_tracker({"--version"});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(std::regex_search(r.out, std::regex(R"(\d+\.\d+)")));
}

TEST_CASE("the program and every command answer --help", "[e2e][cli]") {
  const std::vector<std::vector<std::string>> invocations = {
      {"--help"},         {"serve", "--help"},   {"admin-token", "--help"},
      {"demo", "--help"}, {"migrate", "--help"}, {"backup", "--help"}, {"restore", "--help"},
      {"audit", "verify", "--help"},
  };
  for (const auto& args : invocations) {
    CAPTURE(args);
    auto r = run_tracker(args);
    INFO(r.out << r.err);
    CHECK(r.exit_code == 0);
    CHECK_FALSE((r.out + r.err).empty());
  }

  auto top = run_tracker({"--help"});
  for (std::string command : {"serve", "admin-token", "demo", "migrate", "backup", "restore", "audit verify"}) {
    CAPTURE(command);
    CHECK((top.out + top.err).find(command) != std::string::npos);
  }
}

TEST_CASE("migrate creates and migrates a database in a new file", "[e2e][cli][sqlite-file]") {
  TempDir dir;
  const auto db = dir.file("new.db");

  auto first = run_tracker({"migrate", "--db", db});
  INFO(first.out << first.err);
  CHECK(first.exit_code == 0);
  REQUIRE(std::filesystem::exists(db));
  CHECK(std::stoi(sqlite3(db, "PRAGMA user_version")) > 0);
  CHECK(sqlite3(db, "select count(*) from sqlite_master where name = 'shipments'") == "1");

  // Migrating an up-to-date database changes nothing.
  const auto version = sqlite3(db, "PRAGMA user_version");
  auto again = run_tracker({"migrate", "--db", db});
  CHECK(again.exit_code == 0);
  CHECK(sqlite3(db, "PRAGMA user_version") == version);
}

TEST_CASE("admin-token prints a new working token alone on stdout", "[e2e][cli]") {
  TestServer server;
  auto r = run_tracker({"admin-token", "--db", server.db_path()});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  std::string token = r.out;
  while (!token.empty() && (token.back() == '\n' || token.back() == '\r')) token.pop_back();
  CHECK(token.find_first_of(" \t\n") == std::string::npos);
  CHECK(token != server.admin_token());

  CHECK(server.get("/api/v1/offices", token).status == 200);
  CHECK(server.get("/api/v1/offices", server.admin_token()).status == 200);
}

TEST_CASE("backup of a live database is a file sqlite3 can read", "[e2e][cli][sqlite-file]") {
  TestServer server;
  auto world = server.make_world();
  auto tn = server.create_dossier_shipment(world.postal.token);
  REQUIRE(server.scan(world.postal.token, tn, "accepted", hanoi_time_ago(30min)).status == 201);

  const auto copy = server.dir() + "/backup.db";
  auto r = run_tracker({"backup", "--db", server.db_path(), "--to", copy});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(sqlite3(copy, "select count(*) from shipments") == "1");
  CHECK(sqlite3(copy, "PRAGMA integrity_check") == "ok");
  // The server goes on working after the backup.
  CHECK(server.get("/readyz").status == 200);
}

TEST_CASE("demo fills a database with shipments", "[e2e][cli][sqlite-file]") {
  TempDir dir;
  const auto db = dir.file("demo.db");
  auto r = run_tracker({"demo", "--db", db}, 280s);
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(std::stoi(sqlite3(db, "select count(*) from shipments")) >= 100);
}

TEST_CASE("serve stops cleanly on SIGTERM and keeps its data", "[e2e][cli]") {
  TestServer server;
  auto world = server.make_world();
  auto tn = server.create_dossier_shipment(world.postal.token);

  server.kill(SIGTERM);
  CHECK(server.wait_exit() == 0);

  server.restart();
  CHECK(str(server.shipment(tn), "/status") == "created");
}
