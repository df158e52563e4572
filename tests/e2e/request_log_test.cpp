// Logs for operations: every answer carries X-Request-Id and leaves one line
// in the server's log with that id, the method, the route's pattern (never
// the path with its tracking number), the status and the duration.
#include <catch2/catch.hpp>
#include <regex>
#include <thread>

#include "checks.hpp"

using namespace tracker::test;
using namespace std::chrono_literals;

namespace {

// The log line of request `id`, once the server wrote it (lines are
// written in batches every 100 ms).
std::string log_line_of(const TestServer& server, const std::string& id) {
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (std::chrono::steady_clock::now() < deadline) {
    auto log = server.log();
    auto at = log.find(" request id=" + id + " ");
    if (at != std::string::npos) {
      auto start = log.rfind('\n', at);
      start = start == std::string::npos ? 0 : start + 1;
      return log.substr(start, log.find('\n', at) - start);
    }
    std::this_thread::sleep_for(20ms);
  }
  return "";
}

}  // namespace

TEST_CASE("each answer has a request id and one log line with the route pattern, status and duration",
          "[e2e][logs]") {
  TestServer server;
  auto world = server.make_world();
  auto tn = server.create_dossier_shipment(world.postal.token);

  auto lookup = server.get("/api/v1/track/" + tn, "");
  REQUIRE(lookup.status == 200);
  const auto id = lookup.header("x-request-id");
  REQUIRE_FALSE(id.empty());
  auto line = log_line_of(server, id);
  INFO(server.log());
  REQUIRE_FALSE(line.empty());
  const std::regex shape(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z request id=\S+ method=GET route=/api/v1/track/\{code\} )"
                         R"(status=200 duration_ms=\d+\.\d{3} bytes=\d+$)");
  CHECK(std::regex_match(line, shape));
  CAPTURE(line);
  CHECK(line.find(tn) == std::string::npos);

  // Another request, another id.
  auto again = server.get("/api/v1/track/" + tn, "");
  CHECK(again.header("x-request-id") != id);

  // Errors too: a 404 page, a 401, a 405.
  for (const auto& [method, target, status] :
       std::vector<std::tuple<std::string, std::string, int>>{{"GET", "/no/such/page", 404},
                                                              {"GET", "/api/v1/shipments", 401},
                                                              {"DELETE", "/api/v1/track/" + tn, 405}}) {
    auto r = server.request(method, target, "", "");
    CAPTURE(target);
    CHECK(r.status == status);
    auto l = log_line_of(server, r.header("x-request-id"));
    CHECK_THAT(l, Catch::Contains("method=" + method) && Catch::Contains("status=" + std::to_string(status)));
    CHECK(l.find(tn) == std::string::npos);
  }
}

TEST_CASE("a client's own request id is kept when it is sane and replaced when it is not", "[e2e][logs]") {
  TestServer server;
  auto kept = server.get("/healthz", "", Headers{{"X-Request-Id", "proxy-7f3a.42:1"}});
  CHECK(kept.header("x-request-id") == "proxy-7f3a.42:1");
  CHECK_FALSE(log_line_of(server, "proxy-7f3a.42:1").empty());

  for (const std::string& hostile : std::vector<std::string>{"two words", std::string(65, 'a'), "id=forged status=200", "%0aforged"}) {
    CAPTURE(hostile);
    auto r = server.get("/healthz", "", Headers{{"X-Request-Id", hostile}});
    CHECK(r.status == 200);
    CHECK(r.header("x-request-id") != hostile);
    CHECK_FALSE(log_line_of(server, r.header("x-request-id")).empty());
  }
  CHECK(server.log().find("forged") == std::string::npos);
}

TEST_CASE("answers the transport gives before a handler runs carry a request id and a log line", "[e2e][logs]") {
  TestServer server;
  auto world = server.make_world();
  // A body over the route's limit, refused from its Content-Length.
  auto big = server.request("POST", "/api/v1/scans", std::string(2 << 20, 'x'), world.postal.token);
  CHECK(big.status == 413);
  const auto id = big.header("x-request-id");
  REQUIRE_FALSE(id.empty());
  CHECK_THAT(log_line_of(server, id), Catch::Contains("route=/api/v1/scans status=413"));
}
