#pragma once
// The real dossier-tracker binary, run for one test: a temporary directory, a
// fresh SQLite file, `serve` on 127.0.0.1 port 0, and helpers that build the
// demo world (offices, users, shipments, scans) through the public API.
//
// Not thread-safe: the TestServer and its built-in connection belong to the
// test's thread. Threads that talk to the server concurrently take their own
// connection from connect().
#include <sys/types.h>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "http_client.hpp"
#include "test_data.hpp"

namespace tracker::test {

// The binary under test: $TRACKER_BINARY if set, else the path CMake built.
std::string tracker_binary();

struct CommandResult {
  int exit_code = -1;  // the exit status, or 128 + signal
  std::string out;     // stdout
  std::string err;     // stderr
};

// Runs `argv` (argv[0] a path) to completion, stdin from /dev/null; killed
// after `timeout`.
CommandResult run_command(const std::vector<std::string>& argv,
                          std::chrono::seconds timeout = std::chrono::seconds(120));
// Runs `dossier-tracker args…` the same way.
CommandResult run_tracker(const std::vector<std::string>& args,
                          std::chrono::seconds timeout = std::chrono::seconds(120));
// `/usr/bin/sqlite3 db sql`: its trimmed output; throws when it fails.
std::string sqlite3(const std::string& db, const std::string& sql);
// One statement of SQL both engines read alike, on the test server's
// database (db_path()): sqlite3 on a file, psql on a PostgreSQL URL.
std::string database_sql(const std::string& db, const std::string& sql);

// A temporary directory, removed with everything in it unless
// $KEEP_E2E_DIRS is set.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string file(std::string_view name) const { return path_ + "/" + std::string(name); }

 private:
  std::string path_;
};

// True when the test runs on PostgreSQL: $TRACKER_TEST_PG_DIR names the
// throwaway cluster of tests/pg (CTest label pg).
bool on_postgres();

// A PostgreSQL database of the test's own in that cluster, cloned from the
// migrated template database (fast: a file copy), dropped at the end.
class PgDatabase {
 public:
  PgDatabase();
  ~PgDatabase();
  PgDatabase(const PgDatabase&) = delete;
  PgDatabase& operator=(const PgDatabase&) = delete;
  const std::string& url() const { return url_; }

 private:
  std::string name_;
  std::string url_;
};

// The database of a test that opens the store in its own process: an SQLite
// file in `dir`, or on PostgreSQL (on_postgres()) a database of its own.
class TestDatabase {
 public:
  TestDatabase(const TempDir& dir, std::string_view file);
  const std::string& location() const { return location_; }

 private:
  std::unique_ptr<PgDatabase> pg_;
  std::string location_;
};

// The demo world's names.
inline constexpr std::string_view kPostOffice = "BK-DX-PO";
inline constexpr std::string_view kAgencyDx = "UBND-DX";
inline constexpr std::string_view kAgencyDxCode = "000.00.19.H12";
inline constexpr std::string_view kAgencySn = "UBND-SN";
inline constexpr std::string_view kAgencySnCode = "000.00.19.H13";
inline constexpr std::string_view kPublicUrl = "https://tracuu.example.vn";

// The citizen every demo shipment belongs to.
inline constexpr std::string_view kCitizenName = "Nguyễn Văn An";
inline constexpr std::string_view kCitizenMaskedName = "Nguyễn V. A.";
inline constexpr std::string_view kCitizenPhone = "0912345678";
inline constexpr std::string_view kCitizenEmail = "an@example.vn";
inline constexpr std::string_view kCitizenAddressLine = "Số 17 ngõ Hoa Sữa";
inline constexpr std::string_view kProcedureName = "Đăng ký khai sinh";

struct User {
  std::string username;
  std::string password;
  std::string role;
  std::string office;
  std::string token;
};

// Offices BK-DX-PO (post office), UBND-DX (phường Đức Xuân) and UBND-SN
// (phường Bắc Kạn; agencies) and one
// user of each kind.
struct World {
  User postal;      // postal_worker at BK-DX-PO
  User clerk_dx;    // clerk at UBND-DX
  User clerk_sn;    // clerk at UBND-SN
  User supervisor;  // supervisor at BK-DX-PO
};

// Environment variables for `serve` on top of the test's own environment
// (a name given here replaces the inherited value), e.g.
// {{"TRACKER_SMS_URL", "http://127.0.0.1:4242/sms"}}.
using Environment = std::vector<std::pair<std::string, std::string>>;

class TestServer {
 public:
  // Creates the database, takes an admin token and starts serving; throws
  // with the server's log when it does not come up within a minute.
  TestServer();
  // The same, with `serve_env` added to the environment of `serve` (and of
  // every restart()); the other commands (admin-token) do not see it.
  explicit TestServer(Environment serve_env);
  // The same, with the database in the directory `db_dir(dir)` returns
  // (called first, with the server's temporary directory): for a database on
  // a small or read-only file system.
  TestServer(Environment serve_env, const std::function<std::string(const std::string&)>& db_dir);
  // A second `serve` on `primary`'s database (several instances on one
  // PostgreSQL database), with its own admin token, port and log. It must
  // be destroyed before `primary`, which owns the database.
  TestServer(const TestServer& primary, Environment serve_env);
  // SIGTERM, then SIGKILL after 10 s; removes the temporary directory.
  ~TestServer();
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  unsigned short port() const { return port_; }
  const std::string& admin_token() const { return admin_token_; }
  // The SQLite file, or on PostgreSQL (on_postgres()) the database's URL.
  std::string db_path() const {
    if (!shared_db_.empty()) return shared_db_;
    return pg_ ? pg_->url() : db_dir_ + "/t.db";
  }
  const std::string& dir() const { return dir_.path(); }
  // What the server wrote on stdout and stderr so far.
  std::string log() const;

  // --- the process ---
  bool running() const { return pid_ > 0; }
  void kill(int sig);
  // Waits (up to a minute) for the process to end; its exit status, or
  // 128 + the signal that ended it.
  int wait_exit();
  // Stops the server if it runs (SIGTERM) and starts it again on the same
  // database, with the same extra environment; the port changes.
  void restart();
  // The extra environment of `serve`; a change applies from the next restart().
  const Environment& serve_env() const { return serve_env_; }
  void set_serve_env(Environment env) { serve_env_ = std::move(env); }

  // --- HTTP ---
  // A new connection of the caller's own (for other threads).
  std::unique_ptr<HttpConnection> connect(
      std::chrono::milliseconds timeout = std::chrono::seconds(60)) const;
  // On the server's own keep-alive connection. `token` empty = anonymous.
  Response request(std::string_view method, std::string_view target, std::string_view body,
                   std::string_view token, Headers headers = {});
  Response get(std::string_view target, std::string_view token, Headers headers = {});
  Response get(std::string_view target) { return get(target, admin_token_); }
  Response post(std::string_view target, const json::value& body, std::string_view token,
                Headers headers = {});

  // --- the world ---
  // Throws with the answer when a step is refused.
  // In phường Đức Xuân (01840), tỉnh Thái Nguyên, unless another commune is given.
  void create_office(std::string_view code, std::string_view kind, std::string_view name,
                     std::string_view agency_code = {}, std::string_view commune_code = "01840");
  User create_user(std::string_view username, std::string_view role, std::string_view office);
  World make_world();

  // A dossier shipment body for UBND-DX with the demo citizen; `overrides`
  // replace top-level fields.
  static json::object dossier_body(const json::object& overrides = {});
  // A result shipment body of UBND-DX for `dossier_code`.
  static json::object result_body(std::string_view dossier_code,
                                  const json::object& overrides = {});
  // POST /api/v1/shipments; throws unless 201. The created shipment.
  json::value create_shipment(std::string_view token, const json::object& body);
  // Made by `token` (a postal worker): its tracking number.
  std::string create_dossier_shipment(std::string_view token, const json::object& overrides = {});

  // POST /api/v1/scans with a fresh event_id. `office` is the scanning
  // user's office unless `extra` sets it; `extra` adds or replaces fields.
  Response scan(std::string_view token, std::string_view tracking_number, std::string_view type,
                std::string_view occurred_at, const json::object& extra = {});
  // The body scan() would send.
  json::object scan_body(std::string_view token, std::string_view tracking_number,
                         std::string_view type, std::string_view occurred_at,
                         const json::object& extra = {}) const;
  // GET /api/v1/shipments/{tn}; throws unless 200.
  json::value shipment(std::string_view tracking_number, std::string_view token);
  json::value shipment(std::string_view tracking_number) {
    return shipment(tracking_number, admin_token_);
  }

 private:
  void init();
  void start();
  std::optional<int> wait_exit_for(std::chrono::milliseconds timeout);
  void append_log(std::string_view text) const;

  TempDir dir_;
  std::string db_dir_ = dir_.path();
  std::unique_ptr<PgDatabase> pg_;
  std::string shared_db_;  // another TestServer's database
  Environment serve_env_;
  std::string admin_token_;
  pid_t pid_ = -1;
  unsigned short port_ = 0;
  int log_fd_ = -1;
  std::thread stdout_drain_;
  std::unique_ptr<HttpConnection> client_;
  std::map<std::string, std::string, std::less<>> office_of_token_;
};

}  // namespace tracker::test
