// What the Debian package relies on: serve speaks systemd's readiness
// protocol (Type=notify), the man page documents every command and option
// the program takes, and the shipped config.toml lists every key the
// program reads, with values the program accepts.
#include <sys/socket.h>
#include <sys/un.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "checks.hpp"

using namespace tracker::test;

namespace {

std::string source_file(const std::string& relative) {
  std::ifstream in(std::string(TRACKER_SOURCE_DIR) + "/" + relative);
  REQUIRE(in);
  return {std::istreambuf_iterator<char>(in), {}};
}

// A datagram socket as systemd's $NOTIFY_SOCKET.
class NotifySocket {
 public:
  explicit NotifySocket(std::string path) : path_(std::move(path)) {
    fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    REQUIRE(fd_ >= 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    REQUIRE(path_.size() < sizeof address.sun_path);
    std::copy(path_.begin(), path_.end(), address.sun_path);
    REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  }
  ~NotifySocket() {
    ::close(fd_);
    ::unlink(path_.c_str());
  }
  // The next datagram, or "" after the timeout.
  std::string receive(int timeout_ms) {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, timeout_ms) != 1) return "";
    char buffer[512];
    auto n = ::recv(fd_, buffer, sizeof buffer, 0);
    return n > 0 ? std::string(buffer, static_cast<std::size_t>(n)) : "";
  }

 private:
  std::string path_;
  int fd_ = -1;
};

// The long options of `dossier-tracker <command> --help`.
std::set<std::string> options_of(const std::vector<std::string>& command) {
  auto args = command;
  args.push_back("--help");
  auto help = run_tracker(args);
  REQUIRE(help.exit_code == 0);
  std::set<std::string> options;
  static const std::regex option(R"(--([a-z][a-z-]+))");
  for (std::sregex_iterator it(help.out.begin(), help.out.end(), option), end; it != end; ++it) {
    options.insert((*it)[1]);
  }
  return options;
}

}  // namespace

TEST_CASE("serve tells systemd when it is ready and when it stops", "[e2e][operations]") {
  TempDir dir;
  NotifySocket socket(dir.file("notify"));
  TestServer server(Environment{{"NOTIFY_SOCKET", dir.file("notify")}});
  CHECK(socket.receive(10000) == "READY=1");
  // Ready means ready: the server answers now.
  CHECK(server.get("/readyz").status == 200);
  server.kill(SIGTERM);
  CHECK(server.wait_exit() == 0);
  CHECK(socket.receive(10000) == "STOPPING=1");
}

TEST_CASE("the man page documents every command and option of the program", "[e2e][operations]") {
  const auto man = source_file("deploy/debian/dossier-tracker.1");
  const std::vector<std::vector<std::string>> commands = {{"serve"},   {"admin-token"}, {"demo"},           {"migrate"},
                                                          {"backup"}, {"restore"},     {"audit", "verify"}};
  for (const auto& command : commands) {
    std::string name = command[0] + (command.size() > 1 ? " " + command[1] : "");
    CAPTURE(name);
    CHECK(man.find(".B dossier-tracker " + name + "\n") != std::string::npos);  // in the synopsis
    CHECK(man.find(".B " + name + "\n") != std::string::npos);                  // under COMMANDS
    for (const auto& option : options_of(command)) {
      CAPTURE(option);
      std::string escaped = "\\-\\-" + std::regex_replace(option, std::regex("-"), "\\-");
      CHECK(man.find(escaped) != std::string::npos);
    }
  }
  // And the program's own list of commands is the man page's.
  auto top = run_tracker({"--help"});
  static const std::regex listed(R"(\n  ([a-z-]+( verify)?) )");
  for (std::sregex_iterator it(top.out.begin(), top.out.end(), listed), end; it != end; ++it) {
    CAPTURE((*it)[1].str());
    CHECK(man.find(".B dossier-tracker " + (*it)[1].str() + "\n") != std::string::npos);
  }
}

TEST_CASE("the shipped config.toml lists every key the program reads, and its values load", "[e2e][operations]") {
  const auto shipped = source_file("deploy/debian/config.toml");
  const auto reader = source_file("src/cli/config.cpp");
  // The keys config.cpp reads from the file: take(t, "section", "key", …) and t["section"]["key"].
  std::set<std::pair<std::string, std::string>> read;
  static const std::regex take(R"re(take\(t, "([a-z_]+)", "([a-z_]+)")re"),
      index(R"re(t\["([a-z_]+)"\]\["([a-z_]+)"\])re");
  for (const auto* pattern : {&take, &index}) {
    for (std::sregex_iterator it(reader.begin(), reader.end(), *pattern), end; it != end; ++it) {
      read.insert({(*it)[1], (*it)[2]});
    }
  }
  REQUIRE(read.size() >= 20);
  // Every key is there, commented, under its section.
  std::map<std::string, std::set<std::string>> shipped_keys;
  std::istringstream lines(shipped);
  std::string section;
  static const std::regex heading(R"(^\[([a-z_]+)\]$)"), commented(R"(^# ([a-z_]+) = .+$)");
  std::string uncommented;
  for (std::string line; std::getline(lines, line);) {
    std::smatch m;
    if (std::regex_match(line, m, heading)) section = m[1];
    else if (std::regex_match(line, m, commented)) {
      shipped_keys[section].insert(m[1]);
      line = line.substr(2);
    } else {
      CHECK((line.empty() || line[0] == '#'));  // nothing is set: every key is commented out
    }
    uncommented += line + "\n";
  }
  for (const auto& [s, key] : read) {
    CAPTURE(s, key);
    CHECK(shipped_keys[s].count(key) == 1);
  }
  // Uncommented, the file is one the program takes: every example value is valid.
  TempDir dir;
  std::ofstream(dir.file("config.toml")) << uncommented;
  auto migrated = run_tracker({"migrate", "--config", dir.file("config.toml"), "--db", dir.file("t.db")});
  INFO(migrated.out << migrated.err);
  CHECK(migrated.exit_code == 0);
}
