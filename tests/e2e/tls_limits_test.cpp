// HTTPS with a throwaway certificate (TLS 1.2+ only, HSTS), the login
// throttle over HTTP, and client addresses behind a trusted reverse proxy.
#include <catch2/catch.hpp>

#include "checks.hpp"

using namespace tracker::test;

namespace {

// curl against the TLS server; its stdout (headers with -D -, then body).
CommandResult curl(const std::vector<std::string>& args) {
  std::vector<std::string> argv{"/usr/bin/curl", "-sS", "--max-time", "20"};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_command(argv, std::chrono::seconds(30));
}

}  // namespace

TEST_CASE("tls_cert and tls_key serve HTTPS, TLS 1.2 and newer only, with HSTS", "[e2e][tls]") {
  TempDir keys;
  auto made = run_command({"/usr/bin/openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                           "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", keys.file("key.pem"), "-out",
                           keys.file("cert.pem"), "-days", "2", "-subj", "/CN=127.0.0.1", "-addext",
                           "subjectAltName=IP:127.0.0.1"});
  INFO(made.err);
  REQUIRE(made.exit_code == 0);
  TestServer server(Environment{{"TRACKER_SERVER_TLS_CERT", keys.file("cert.pem")},
                                {"TRACKER_SERVER_TLS_KEY", keys.file("key.pem")}});
  CHECK_THAT(server.log(), Catch::Contains("listening on https://127.0.0.1:"));
  auto base = "https://127.0.0.1:" + std::to_string(server.port());

  auto ok = curl({"--cacert", keys.file("cert.pem"), "-D", "-", base + "/healthz"});
  INFO(ok.out << ok.err);
  CHECK(ok.exit_code == 0);
  CHECK_THAT(ok.out, Catch::Contains("HTTP/1.1 200"));
  CHECK_THAT(ok.out, Catch::Contains("Strict-Transport-Security: max-age=31536000"));
  CHECK_THAT(ok.out, Catch::Contains("frame-ancestors 'none'"));

  auto page = curl({"--cacert", keys.file("cert.pem"), base + "/"});
  CHECK_THAT(page.out, Catch::Contains("<html lang=\"vi\">"));

  // TLS 1.1 and older are refused; so is a client that does not trust us.
  auto old = curl({"--cacert", keys.file("cert.pem"), "--tlsv1.0", "--tls-max", "1.1", base + "/healthz"});
  CHECK(old.exit_code != 0);
  auto tls13 = curl({"--cacert", keys.file("cert.pem"), "--tlsv1.3", base + "/healthz"});
  CHECK(tls13.exit_code == 0);
  auto untrusted = curl({base + "/healthz"});
  CHECK(untrusted.exit_code != 0);

  // Plain HTTP on the TLS port gets nowhere.
  auto plain = raw_exchange(server.port(), "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", std::chrono::seconds(15));
  CHECK(plain.received.find("200") == std::string::npos);
}

TEST_CASE("a half-configured TLS refuses to start, naming the setting", "[e2e][tls]") {
  TempDir dir;
  auto bad = run_command({"/usr/bin/env", "TRACKER_SERVER_TLS_CERT=" + dir.file("missing.pem"), tracker_binary(),
                          "serve", "--db", dir.file("t.db"), "--listen", "127.0.0.1:0"},
                         std::chrono::seconds(30));
  CHECK(bad.exit_code != 0);
  CHECK_THAT(bad.err, Catch::Contains("tls_key"));
  auto missing = run_command({"/usr/bin/env", "TRACKER_SERVER_TLS_CERT=" + dir.file("missing.pem"),
                              "TRACKER_SERVER_TLS_KEY=" + dir.file("missing-key.pem"), tracker_binary(), "serve",
                              "--db", dir.file("t.db"), "--listen", "127.0.0.1:0"},
                             std::chrono::seconds(30));
  CHECK(missing.exit_code != 0);
  CHECK_THAT(missing.err, Catch::Contains("missing.pem"));
}

TEST_CASE("failed logins are throttled per username and address with Retry-After", "[e2e][limits]") {
  TestServer server;
  auto world = server.make_world();
  auto attempt = [&](const std::string& password) {
    return server.post("/api/v1/auth/login", json::object{{"username", world.postal.username}, {"password", password}},
                       "");
  };
  for (int i = 0; i < 3; ++i) check_problem(attempt("wrong-" + std::to_string(i)), 401);
  auto throttled = attempt("wrong-again");
  check_problem(throttled, 429);
  auto wait = std::stoi(throttled.header("retry-after"));
  CHECK(wait >= 1);
  CHECK(wait <= 2);
  // Even the right password waits: a guesser cannot tell.
  check_problem(attempt(world.postal.password), 429);
  // The login page says so too, in Vietnamese.
  auto page = server.request("POST", "/staff/login", "username=" + world.postal.username + "&password=x", "",
                             Headers{{"Content-Type", "application/x-www-form-urlencoded"}});
  CHECK(page.status == 429);
  CHECK_THAT(page.body, Catch::Contains("thử lại sau"));
  // After the wait, the right password works and clears the count.
  std::this_thread::sleep_for(std::chrono::seconds(wait + 1));
  CHECK(attempt(world.postal.password).status == 200);
  CHECK(attempt("wrong").status == 401);
}

TEST_CASE("behind a trusted proxy the lookup limit counts X-Forwarded-For clients, else the socket",
          "[e2e][limits]") {
  auto lookups = [](TestServer& server, const std::string& forwarded) {
    int limited = 0;
    for (int i = 0; i < 5; ++i) {
      limited += server.get("/api/v1/track/EC136431858VN", "", Headers{{"X-Forwarded-For", forwarded}}).status == 429;
    }
    return limited;
  };
  SECTION("trusted") {
    TestServer server(Environment{{"TRACKER_LIMITS_LOOKUPS_PER_MINUTE", "3"},
                                  {"TRACKER_SERVER_TRUSTED_PROXIES", "127.0.0.1"}});
    CHECK(lookups(server, "198.51.100.1") == 2);
    CHECK(lookups(server, "198.51.100.2") == 2);  // another citizen behind the same proxy has their own count
    // A client cannot pick a fresh identity by prepending to the header.
    CHECK(lookups(server, "1.2.3.4, 198.51.100.1") == 5);
  }
  SECTION("not trusted: the header is ignored") {
    TestServer server(Environment{{"TRACKER_LIMITS_LOOKUPS_PER_MINUTE", "3"}});
    CHECK(lookups(server, "198.51.100.1") == 2);
    CHECK(lookups(server, "198.51.100.2") == 5);
  }
}
