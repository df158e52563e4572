#include "test_server.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <boost/json/serialize.hpp>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

extern char** environ;

#ifndef TRACKER_BINARY
#define TRACKER_BINARY "dossier-tracker"
#endif

namespace tracker::test {
namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

constexpr std::string_view kPassword = "Correct-Horse-Battery-2026";

[[noreturn]] void fail(const std::string& what) {
  throw std::runtime_error(what + ": " + std::strerror(errno));
}

int decode_status(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

// The test's own environment with `extra` added (a name in `extra` replaces
// the inherited value), as NAME=value strings.
std::vector<std::string> environment_with(const Environment& extra) {
  std::vector<std::string> out;
  for (char** e = environ; e && *e; ++e) {
    std::string_view entry(*e);
    auto name = entry.substr(0, entry.find('='));
    bool replaced = std::any_of(extra.begin(), extra.end(),
                                [&](const auto& kv) { return kv.first == name; });
    if (!replaced) out.emplace_back(entry);
  }
  for (const auto& [name, value] : extra) out.push_back(name + "=" + value);
  return out;
}

// fork + exec of the tracker binary with stdout/stderr on the given fds;
// with `env` (NAME=value strings) as its whole environment when given, else
// the test's. Everything the child needs is prepared before fork: between
// fork and exec only async-signal-safe calls run (the test process may have
// threads).
pid_t spawn(const std::vector<std::string>& program_and_args, int out_fd, int err_fd,
            const std::vector<std::string>* env = nullptr) {
  std::vector<std::string> argv_store = program_and_args;
  std::vector<char*> argv;
  for (auto& a : argv_store) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_store = env ? *env : std::vector<std::string>{};
  std::vector<char*> envp;
  for (auto& e : env_store) envp.push_back(e.data());
  envp.push_back(nullptr);

  pid_t pid = ::fork();
  if (pid < 0) fail("fork");
  if (pid == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);  // never outlive a crashed test
    int devnull = ::open("/dev/null", O_RDONLY);
    if (devnull >= 0) ::dup2(devnull, 0);
    ::dup2(out_fd, 1);
    ::dup2(err_fd, 2);
    if (env) {
      ::execve(argv[0], argv.data(), envp.data());
    } else {
      ::execv(argv[0], argv.data());
    }
    ::_exit(127);
  }
  return pid;
}

// Waits until `pid` ends or `timeout` passes; its decoded status if it ended.
std::optional<int> wait_pid_for(pid_t pid, std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  int pidfd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
  for (;;) {
    int status = 0;
    pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid) {
      if (pidfd >= 0) ::close(pidfd);
      return decode_status(status);
    }
    if (r < 0 && errno != EINTR) {
      if (pidfd >= 0) ::close(pidfd);
      fail("waitpid");
    }
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) break;
    if (pidfd >= 0) {
      pollfd p{pidfd, POLLIN, 0};
      ::poll(&p, 1, static_cast<int>(left.count()));  // readable once the child exits
    } else {
      std::this_thread::sleep_for(std::min(left, std::chrono::milliseconds(20)));
    }
  }
  if (pidfd >= 0) ::close(pidfd);
  return std::nullopt;
}

std::string trim(std::string s) {
  auto not_space = [](unsigned char c) { return !std::isspace(c); };
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
  s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
  return s;
}

std::string describe(const Response& r) {
  return "status " + std::to_string(r.status) + ": " + r.body.substr(0, 1000);
}

json::object merged(json::object base, const json::object& overrides) {
  for (const auto& kv : overrides) base[kv.key()] = kv.value();
  return base;
}

json::object citizen() {
  return {
      {"name", kCitizenName},
      {"phone", kCitizenPhone},
      {"email", kCitizenEmail},
      // Two-tier since 2025: phường Đức Xuân (01840), tỉnh Thái Nguyên (19).
      {"address", {{"line", kCitizenAddressLine}, {"commune_code", "01840"}, {"province_code", "19"}}}};
}

}  // namespace

std::string tracker_binary() {
  if (const char* env = std::getenv("TRACKER_BINARY"); env && *env) return env;
  return TRACKER_BINARY;
}

std::vector<std::string> tracker_command(const std::vector<std::string>& args) {
  std::vector<std::string> argv{tracker_binary()};
  argv.insert(argv.end(), args.begin(), args.end());
  return argv;
}

CommandResult run_tracker(const std::vector<std::string>& args, std::chrono::seconds timeout) {
  return run_command(tracker_command(args), timeout);
}

std::string sqlite3(const std::string& db, const std::string& sql) {
  auto r = run_command({"/usr/bin/sqlite3", db, sql}, std::chrono::seconds(60));
  if (r.exit_code != 0) {
    throw std::runtime_error("sqlite3 " + db + " \"" + sql + "\" exited " +
                             std::to_string(r.exit_code) + ": " + r.err);
  }
  return trim(r.out);
}

std::string database_sql(const std::string& db, const std::string& sql) {
  if (db.rfind("postgresql://", 0) != 0) return sqlite3(db, sql);
  auto r = run_command({"/usr/bin/psql", db, "-X", "-At", "-v", "ON_ERROR_STOP=1", "-c", sql}, std::chrono::seconds(60));
  if (r.exit_code != 0) {
    throw std::runtime_error("psql \"" + sql + "\" exited " + std::to_string(r.exit_code) + ": " + r.err);
  }
  return trim(r.out);
}

CommandResult run_command(const std::vector<std::string>& argv, std::chrono::seconds timeout) {
  int out_pipe[2];
  int err_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0) fail("pipe2");
  if (::pipe2(err_pipe, O_CLOEXEC) != 0) fail("pipe2");
  pid_t pid = spawn(argv, out_pipe[1], err_pipe[1]);
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);

  CommandResult result;
  const auto deadline = Clock::now() + timeout;
  pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  std::string* sinks[2] = {&result.out, &result.err};
  int open_count = 2;
  bool timed_out = false;
  char buf[8192];
  while (open_count > 0) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) {
      timed_out = true;
      break;
    }
    int ready = ::poll(fds, 2, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) continue;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      ssize_t n = ::read(fds[i].fd, buf, sizeof buf);
      if (n > 0) {
        sinks[i]->append(buf, static_cast<std::size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        ::close(fds[i].fd);
        fds[i].fd = -1;
        --open_count;
      }
    }
  }
  for (auto& f : fds)
    if (f.fd >= 0) ::close(f.fd);
  if (timed_out) ::kill(pid, SIGKILL);
  auto status = wait_pid_for(pid, std::chrono::seconds(30));
  result.exit_code = status.value_or(-1);
  if (timed_out) result.err += "\n[e2e] killed after the timeout\n";
  return result;
}

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "tracker-e2e-XXXXXX").string();
  if (!::mkdtemp(pattern.data())) fail("mkdtemp");
  path_ = pattern;
}

TempDir::~TempDir() {
  if (std::getenv("KEEP_E2E_DIRS")) return;
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

bool on_postgres() { return std::getenv("TRACKER_TEST_PG_DIR") != nullptr; }

namespace {

std::string pg_cluster_url(const std::string& database) {
  const char* dir = std::getenv("TRACKER_TEST_PG_DIR");
  if (!dir) throw std::runtime_error("TRACKER_TEST_PG_DIR is not set (run under CTest: the fixture pg starts the cluster)");
  return "postgresql:///" + database + "?host=" + dir + "&user=tracker";
}

void psql_admin(const std::string& sql) {
  auto r = run_command({"/usr/bin/psql", pg_cluster_url("tracker"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql});
  if (r.exit_code != 0) throw std::runtime_error("psql " + sql + ": " + r.err);
}

}  // namespace

PgDatabase::PgDatabase() {
  static std::atomic<unsigned> counter{0};
  name_ = "t_" + std::to_string(::getpid()) + "_" + std::to_string(counter++) + "_" +
          std::to_string(std::chrono::steady_clock::now().time_since_epoch().count() % 1000000);
  psql_admin("CREATE DATABASE " + name_ + " TEMPLATE tracker_template");
  url_ = pg_cluster_url(name_);
}

PgDatabase::~PgDatabase() {
  try {
    if (!std::getenv("KEEP_E2E_DIRS")) psql_admin("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
  } catch (...) {
    // The cluster is removed with everything in it at the end of the run.
  }
}

TestDatabase::TestDatabase(const TempDir& dir, std::string_view file) {
  if (on_postgres()) pg_ = std::make_unique<PgDatabase>();
  location_ = pg_ ? pg_->url() : dir.file(file);
}

TestServer::TestServer() : TestServer(Environment{}) {}

TestServer::TestServer(Environment serve_env, const std::function<std::string(const std::string&)>& db_dir)
    : serve_env_(std::move(serve_env)) {
  db_dir_ = db_dir(dir_.path());
  init();
}

TestServer::TestServer(Environment serve_env) : serve_env_(std::move(serve_env)) { init(); }

TestServer::TestServer(const TestServer& primary, Environment serve_env)
    : shared_db_(primary.db_path()), serve_env_(std::move(serve_env)) {
  office_of_token_ = primary.office_of_token_;
  init();
}

void TestServer::init() {
  ::signal(SIGPIPE, SIG_IGN);
  if (on_postgres() && shared_db_.empty()) pg_ = std::make_unique<PgDatabase>();
  log_fd_ =
      ::open(dir_.file("server.log").c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (log_fd_ < 0) fail("open server.log");

  auto token = run_tracker({"admin-token", "--db", db_path()});
  if (token.exit_code != 0) {
    throw std::runtime_error("admin-token exited " + std::to_string(token.exit_code) + ": " +
                             token.err + token.out);
  }
  std::istringstream lines(token.out);
  for (std::string line; std::getline(lines, line);) {
    if (!trim(line).empty()) admin_token_ = trim(line);
  }
  if (admin_token_.empty()) throw std::runtime_error("admin-token printed no token");
  start();
}

TestServer::~TestServer() {
  try {
    client_.reset();
    if (running()) {
      kill(SIGTERM);
      if (!wait_exit_for(std::chrono::seconds(10))) {
        kill(SIGKILL);
        wait_exit_for(std::chrono::seconds(60));
      }
    }
  } catch (...) {
  }
  if (stdout_drain_.joinable()) stdout_drain_.join();
  if (log_fd_ >= 0) ::close(log_fd_);
  pg_.reset();  // after the server is gone
}

void TestServer::append_log(std::string_view text) const {
  std::size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(log_fd_, text.data() + done, text.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return;
    }
    done += static_cast<std::size_t>(n);
  }
}

std::string TestServer::log() const {
  std::ifstream in(dir_.file("server.log"), std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void TestServer::start() {
  int out_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0) fail("pipe2");
  append_log("[e2e] serve --db " + db_path() + "\n");
  // Without an extra environment `serve` inherits the test's as it is.
  std::vector<std::string> env;
  if (!serve_env_.empty()) env = environment_with(serve_env_);
  pid_ = spawn(tracker_command({"serve", "--db", db_path(), "--listen", "127.0.0.1:0",
                                "--public-url", std::string(kPublicUrl)}),
               out_pipe[1], log_fd_, serve_env_.empty() ? nullptr : &env);
  ::close(out_pipe[1]);
  const int out_fd = out_pipe[0];

  // Read stdout line by line until the listening line (or EOF, or a minute).
  // "listening on http://127.0.0.1:PORT" (https:// when TLS is configured)
  const std::string marker = "://127.0.0.1:";
  const auto deadline = Clock::now() + std::chrono::seconds(60);
  std::string pending;
  port_ = 0;
  char buf[4096];
  while (port_ == 0) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) break;
    pollfd p{out_fd, POLLIN, 0};
    int ready = ::poll(&p, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) continue;
    ssize_t n = ::read(out_fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // EOF: the server died
    pending.append(buf, static_cast<std::size_t>(n));
    append_log(std::string_view(buf, static_cast<std::size_t>(n)));
    for (auto nl = pending.find('\n'); nl != std::string::npos; nl = pending.find('\n')) {
      std::string line = pending.substr(0, nl);
      pending.erase(0, nl + 1);
      if (auto at = line.find(marker); at != std::string::npos && line.rfind("listening on http", 0) == 0) {
        port_ = static_cast<unsigned short>(std::stoi(line.substr(at + marker.size())));
        break;
      }
    }
  }

  if (port_ == 0) {
    ::kill(pid_, SIGKILL);
    auto status = wait_pid_for(pid_, std::chrono::seconds(30));
    pid_ = -1;
    ::close(out_fd);
    throw std::runtime_error("the server did not print its listening line (exit status " +
                             std::to_string(status.value_or(-1)) + "). Log:\n" + log());
  }

  // Keep draining stdout so the server never blocks on a full pipe.
  stdout_drain_ = std::thread([this, out_fd] {
    char chunk[4096];
    for (;;) {
      ssize_t n = ::read(out_fd, chunk, sizeof chunk);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      append_log(std::string_view(chunk, static_cast<std::size_t>(n)));
    }
    ::close(out_fd);
  });
}

void TestServer::kill(int sig) {
  if (pid_ > 0) ::kill(pid_, sig);
}

std::optional<int> TestServer::wait_exit_for(std::chrono::milliseconds timeout) {
  if (pid_ <= 0) throw std::runtime_error("the server is not running");
  auto status = wait_pid_for(pid_, timeout);
  if (status) {
    pid_ = -1;
    client_.reset();
    if (stdout_drain_.joinable()) stdout_drain_.join();
  }
  return status;
}

int TestServer::wait_exit() {
  auto status = wait_exit_for(std::chrono::seconds(60));
  if (!status) throw std::runtime_error("the server did not exit within a minute");
  return *status;
}

void TestServer::restart() {
  if (running()) {
    kill(SIGTERM);
    wait_exit();
  }
  start();
}

std::unique_ptr<HttpConnection> TestServer::connect(std::chrono::milliseconds timeout) const {
  return std::make_unique<HttpConnection>(port_, timeout);
}

Response TestServer::request(std::string_view method, std::string_view target,
                             std::string_view body, std::string_view token, Headers headers) {
  if (!client_) client_ = connect();
  if (!token.empty()) headers.emplace_back("Authorization", "Bearer " + std::string(token));
  return client_->request(method, target, body, headers);
}

Response TestServer::get(std::string_view target, std::string_view token, Headers headers) {
  return request("GET", target, {}, token, std::move(headers));
}

Response TestServer::post(std::string_view target, const json::value& body, std::string_view token,
                          Headers headers) {
  return request("POST", target, json::serialize(body), token, std::move(headers));
}

void TestServer::create_office(std::string_view code, std::string_view kind, std::string_view name,
                               std::string_view agency_code, std::string_view commune_code) {
  json::object body{{"code", code},
                    {"kind", kind},
                    {"name", name},
                    {"commune_code", commune_code},
                    {"address", "Số 1 đường Trường Chinh"}};
  if (!agency_code.empty()) body["agency_code"] = agency_code;
  auto r = post("/api/v1/offices", body, admin_token_);
  if (r.status != 201) {
    throw std::runtime_error("POST /api/v1/offices " + std::string(code) + ": " + describe(r));
  }
}

User TestServer::create_user(std::string_view username, std::string_view role,
                             std::string_view office) {
  User user{
      std::string(username), std::string(kPassword), std::string(role), std::string(office), {}};
  json::object body{{"username", username},
                    {"display_name", "Người dùng " + std::string(username)},
                    {"role", role},
                    {"office", office},
                    {"password", kPassword}};
  auto r = post("/api/v1/users", body, admin_token_);
  if (r.status != 201) {
    throw std::runtime_error("POST /api/v1/users " + std::string(username) + ": " + describe(r));
  }
  user.token = str(r.json(), "/token");
  office_of_token_[user.token] = user.office;
  return user;
}

World TestServer::make_world() {
  create_office(kPostOffice, "post_office", "Bưu điện phường Đức Xuân");
  create_office(kAgencyDx, "agency", "UBND phường Đức Xuân", kAgencyDxCode);
  create_office(kAgencySn, "agency", "UBND phường Bắc Kạn", kAgencySnCode, "01843");
  World w;
  w.postal = create_user("postal.dx", "postal_worker", kPostOffice);
  w.clerk_dx = create_user("clerk.dx", "clerk", kAgencyDx);
  w.clerk_sn = create_user("clerk.sn", "clerk", kAgencySn);
  w.supervisor = create_user("supervisor.dx", "supervisor", kPostOffice);
  return w;
}

json::object TestServer::dossier_body(const json::object& overrides) {
  json::object body{
      {"kind", "dossier"},
      {"agency", kAgencyDx},
      {"route", "local"},
      {"procedure", {{"code", "1.001193"}, {"name", kProcedureName}}},
      {"citizen", citizen()},
      {"documents",
       json::array{{{"name", "Tờ khai đăng ký khai sinh"}, {"original", true}, {"copies", 1}}}},
      {"notify", json::array{"sms", "email"}},
      {"fee_vnd", 25000}};
  return merged(std::move(body), overrides);
}

json::object TestServer::result_body(std::string_view dossier_code, const json::object& overrides) {
  json::object body{
      {"kind", "result"},
      {"agency", kAgencyDx},
      {"route", "local"},
      {"procedure", {{"code", "1.001193"}, {"name", kProcedureName}}},
      {"dossier_code", dossier_code},
      {"citizen", citizen()},
      {"documents", json::array{{{"name", "Giấy khai sinh"}, {"original", true}, {"copies", 1}}}},
      {"notify", json::array{"sms"}},
      {"fee_vnd", 25000}};
  return merged(std::move(body), overrides);
}

json::value TestServer::create_shipment(std::string_view token, const json::object& body) {
  auto r = post("/api/v1/shipments", body, token);
  if (r.status != 201) throw std::runtime_error("POST /api/v1/shipments: " + describe(r));
  return r.json();
}

std::string TestServer::create_dossier_shipment(std::string_view token,
                                                const json::object& overrides) {
  return str(create_shipment(token, dossier_body(overrides)), "/tracking_number");
}

json::object TestServer::scan_body(std::string_view token, std::string_view tracking_number,
                                   std::string_view type, std::string_view occurred_at,
                                   const json::object& extra) const {
  json::object body{{"event_id", new_event_id()},
                    {"tracking_number", tracking_number},
                    {"type", type},
                    {"occurred_at", occurred_at}};
  if (auto it = office_of_token_.find(token); it != office_of_token_.end()) {
    body["office"] = it->second;
  }
  return merged(std::move(body), extra);
}

Response TestServer::scan(std::string_view token, std::string_view tracking_number,
                          std::string_view type, std::string_view occurred_at,
                          const json::object& extra) {
  return post("/api/v1/scans", scan_body(token, tracking_number, type, occurred_at, extra), token);
}

json::value TestServer::shipment(std::string_view tracking_number, std::string_view token) {
  auto r = get("/api/v1/shipments/" + url_encode(tracking_number), token);
  if (r.status != 200) {
    throw std::runtime_error("GET shipment " + std::string(tracking_number) + ": " + describe(r));
  }
  return r.json();
}

}  // namespace tracker::test
