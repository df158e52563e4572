// Bad input of every kind gets the status of API.md and a problem+json body,
// and nothing of it is written.
#include <catch2/catch.hpp>

#include "checks.hpp"

using namespace tracker::test;
using namespace std::chrono_literals;

TEST_CASE("bad requests get their status and a problem body", "[e2e][errors]") {
  TestServer server;
  auto world = server.make_world();
  const auto tn = server.create_dossier_shipment(world.postal.token);
  const auto& token = world.postal.token;
  auto scan = [&](const json::object& extra) {
    return json::serialize(server.scan_body(token, tn, "accepted", hanoi_time_ago(10min), extra));
  };

  struct Case {
    std::string name;
    std::string method;
    std::string target;
    std::string body;
    Headers headers;
    std::string token;
    int expected;
  };
  const Headers json_type{{"Content-Type", "application/json"}};
  const std::vector<Case> cases = {
      {"malformed JSON", "POST", "/api/v1/shipments", R"({"kind": "dossier",)", json_type, token,
       400},
      {"JSON of the wrong type", "POST", "/api/v1/scans", "[1, 2, 3]", json_type, token, 400},
      {"text/plain",
       "POST",
       "/api/v1/scans",
       scan({}),
       {{"Content-Type", "text/plain"}},
       token,
       415},
      {"a body over 1 MiB", "POST", "/api/v1/scans",
       scan({{"note", std::string(1024 * 1024 + 16, 'x')}}), json_type, token, 413},
      {"an unknown tracking number", "POST", "/api/v1/scans",
       scan({{"tracking_number", make_s10("EC", 13643185)}}), json_type, token, 404},
      {"a bad check digit", "POST", "/api/v1/scans", scan({{"tracking_number", "EB123456789VN"}}),
       json_type, token, 422},
      {"occurred_at an hour ahead", "POST", "/api/v1/scans",
       scan({{"occurred_at", hanoi_time_from_now(3600s)}}), json_type, token, 422},
      {"an event id that is not a UUID", "POST", "/api/v1/scans", scan({{"event_id", "scan-0001"}}),
       json_type, token, 422},
      {"an unknown path", "GET", "/api/v1/no-such-thing", "", {}, token, 404},
      {"a wrong method", "DELETE", "/api/v1/scans", "", {}, token, 405},
      {"no token", "GET", "/api/v1/shipments", "", {}, "", 401},
      {"a bad token",
       "GET",
       "/api/v1/shipments",
       "",
       {{"Authorization", "Bearer not-a-token"}},
       "",
       401},
  };

  for (const auto& c : cases) {
    CAPTURE(c.name);
    auto r = server.request(c.method, c.target, c.body, c.token, c.headers);
    check_problem(r, c.expected);
    if (c.expected == 405) CHECK(r.has_header("allow"));
  }

  // Nothing of the refused scans was recorded.
  CHECK(count(server.shipment(tn), "/events") == 0);
}

TEST_CASE("a bad check digit on a scan is named", "[e2e][errors]") {
  TestServer server;
  auto world = server.make_world();
  auto r = server.scan(world.postal.token, "EB123456789VN", "accepted", hanoi_time_ago(10min));
  check_problem(r, 422);
  CHECK(mentions(r.json(), "bad_check_digit"));
}

TEST_CASE("invalid fields get one error each", "[e2e][errors]") {
  TestServer server;
  auto world = server.make_world();
  auto body = TestServer::dossier_body({{"route", "by_pigeon"}});
  body["citizen"].as_object()["phone"] = "12345";

  auto r = server.post("/api/v1/shipments", body, world.postal.token);
  check_problem(r, 422);
  auto answer = r.json();
  INFO(r.body);
  REQUIRE(count(answer, "/errors") == 2);
  std::string fields;
  for (const auto& f : each(answer, "/errors", "field")) fields += f + " ";
  CAPTURE(fields);
  CHECK(fields.find("route") != std::string::npos);
  CHECK(fields.find("phone") != std::string::npos);
  for (std::size_t i = 0; i < 2; ++i) {
    CHECK_FALSE(str(answer, "/errors/" + std::to_string(i) + "/code").empty());
  }

  // Nothing was created.
  auto list = server.get("/api/v1/shipments", world.postal.token);
  REQUIRE(list.status == 200);
  CHECK(count(list.json(), "/items") == 0);
}

namespace {

// The JSON body after the head of a raw answer.
json::object raw_problem(const RawExchange& x) {
  auto at = x.received.find("\r\n\r\n");
  REQUIRE(at != std::string::npos);
  return json::parse(x.received.substr(at + 4)).as_object();
}

}  // namespace

TEST_CASE("every refusal is the same problem+json in the asked language, the transport's too",
          "[e2e][errors]") {
  TestServer server;
  auto world = server.make_world();
  const auto& token = world.postal.token;
  // A wrong method: 405 with Allow, the title in each language.
  auto vi = server.request("DELETE", "/api/v1/scans", "", token);
  check_problem(vi, 405);
  CHECK(vi.json().as_object().at("title") == "Phương thức không được hỗ trợ");
  CHECK(vi.json().as_object().at("detail") == "Địa chỉ này không nhận phương thức đã dùng.");
  auto en = server.request("DELETE", "/api/v1/scans?lang=en", "", token);
  check_problem(en, 405);
  CHECK(en.json().as_object().at("title") == "Method not allowed");
  CHECK(en.json().as_object().at("detail") == "This path does not take DELETE.");
  // A body announced too large is refused before it is read, by the
  // transport, as a problem in the request's language.
  auto big = [&](std::string_view lang_header) {
    return raw_exchange(server.port(),
                        "POST /api/v1/scans HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" +
                            std::string(lang_header) + "Content-Length: 2000000\r\n\r\n{",
                        5s);
  };
  auto big_vi = big("");
  CHECK(big_vi.received.rfind("HTTP/1.1 413", 0) == 0);
  CHECK(big_vi.received.find("application/problem+json") != std::string::npos);
  CHECK(raw_problem(big_vi).at("title") == "Nội dung quá lớn");
  CHECK(raw_problem(big_vi).at("code") == "payload_too_large");
  auto big_en = big("Accept-Language: en-GB\r\n");
  CHECK(raw_problem(big_en).at("title") == "Payload too large");
  // The decode route takes photos up to 8 MiB: 2 MB is not too large there.
  auto photo = raw_exchange(server.port(),
                            "POST /api/v1/barcodes/decode HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: image/jpeg\r\n"
                            "Content-Length: 2000000\r\n\r\n",
                            1s);
  CHECK(photo.received.rfind("HTTP/1.1 413", 0) != 0);
  // A head over 16 KiB: 431, before any language is known: Vietnamese.
  auto flood = raw_exchange(server.port(),
                            "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A: " + std::string(20 * 1024, 'a') + "\r\n\r\n", 5s);
  REQUIRE(flood.received.rfind("HTTP/1.1 431", 0) == 0);
  CHECK(raw_problem(flood).at("title") == "Phần đầu yêu cầu quá lớn");
  CHECK(raw_problem(flood).at("status") == 431);
}

TEST_CASE("a miss under the API is a problem, anywhere else a page", "[e2e][errors]") {
  TestServer server;
  auto api = server.request("GET", "/api/v1/no-such-thing", "", "");
  check_problem(api, 404);
  auto health = server.request("GET", "/healthz/deeper", "", "");
  check_problem(health, 404);
  for (const char* path : {"/no-such-page", "/staff/no-such-page", "/track/a/b"}) {
    CAPTURE(path);
    auto page = server.request("GET", path, "", "");
    CHECK(page.status == 404);
    CHECK(page.header("content-type").rfind("text/html", 0) == 0);
  }
}
