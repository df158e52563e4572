// The SMS gateway and webhook channels against a real HTTP peer on 127.0.0.1.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>
#include <chrono>

#include "peers.hpp"
#include "tracker/notify/senders.hpp"
#include "tracker/notify/signature.hpp"

using namespace std::chrono_literals;
using tracker::notify::SendResult;
using tracker::test::HttpPeer;
namespace json = boost::json;
namespace notify = tracker::notify;

namespace {

constexpr auto kPhone = "+84912345678";
constexpr auto kText = "Hồ sơ EC136431858VN đã được giao cho UBND phường Đức Xuân";
constexpr auto kSecret = "gateway-bí-mật";

// A port nobody listens on: bound once to learn a free number, then closed.
unsigned short closed_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

void check_safe(const SendResult& r) {
  CAPTURE(r.error);
  CHECK_FALSE(r.error.empty());
  CHECK(r.error.find("912345678") == std::string::npos);
  CHECK(r.error.find("EC136431858VN") == std::string::npos);
  CHECK(r.error.find(kSecret) == std::string::npos);
  CHECK(r.error.size() < 120);
}

}  // namespace

TEST_CASE("an SMS is retried through gateway errors until the gateway accepts it", "[notify][sms]") {
  HttpPeer peer({500, 503, 200});
  notify::SmsGateway gateway{peer.url("/sms"), kSecret, 2000ms};

  SendResult first = notify::send_sms(gateway, kPhone, kText, "d-1");
  CHECK_FALSE(first.delivered);
  CHECK(first.retryable);
  CHECK(first.http_status == 500);
  check_safe(first);

  SendResult second = notify::send_sms(gateway, kPhone, kText, "d-1");
  CHECK_FALSE(second.delivered);
  CHECK(second.retryable);
  CHECK(second.http_status == 503);
  check_safe(second);

  SendResult third = notify::send_sms(gateway, kPhone, kText, "d-1");
  CHECK(third.delivered);
  CHECK(third.http_status == 200);
  CHECK(third.error.empty());

  auto requests = peer.requests();
  REQUIRE(requests.size() == 3);
  for (const auto& req : requests) {
    CHECK(req.method == "POST");
    CHECK(req.target == "/sms");
    CHECK(req.header("content-type") == "application/json");
    CHECK(notify::verify_signature(req.header("x-tracker-signature"), kSecret, req.body));
    CHECK_FALSE(notify::verify_signature(req.header("x-tracker-signature"), "other", req.body));
    auto body = json::parse(req.body).as_object();
    CHECK(body.size() == 3);
    CHECK(body.at("to").as_string() == kPhone);
    CHECK(body.at("text").as_string() == kText);
    CHECK(body.at("reference").as_string() == "d-1");
  }
}

TEST_CASE("gateway statuses decide whether an SMS is worth retrying", "[notify][sms]") {
  auto [status, delivered, retryable] = GENERATE(table<int, bool, bool>({
      {200, true, false}, {202, true, false}, {204, true, false},
      {400, false, false}, {401, false, false}, {404, false, false}, {422, false, false},
      {408, false, true}, {429, false, true}, {500, false, true}, {502, false, true},
      {503, false, true}, {302, false, true}}));
  CAPTURE(status);
  HttpPeer peer({status});
  SendResult r = notify::send_sms({peer.url("/sms"), kSecret, 2000ms}, kPhone, kText, "d-2");
  CHECK(r.delivered == delivered);
  CHECK(r.http_status == status);
  if (!delivered) {
    CHECK(r.retryable == retryable);
    check_safe(r);
  }
}

TEST_CASE("a gateway that never answers times out within the configured timeout", "[notify][sms]") {
  HttpPeer peer(HttpPeer::hanging());
  auto started = std::chrono::steady_clock::now();
  SendResult r = notify::send_sms({peer.url("/sms"), kSecret, 300ms}, kPhone, kText, "d-3");
  auto took = std::chrono::steady_clock::now() - started;
  CHECK_FALSE(r.delivered);
  CHECK(r.retryable);
  CHECK(r.http_status == 0);
  CHECK(r.error.find("timed out") != std::string::npos);
  check_safe(r);
  CHECK(took >= 250ms);
  CHECK(took < 1500ms);
  CHECK(peer.requests().size() == 1);  // it did get the request: the answer is what is missing
}

TEST_CASE("an unreachable gateway is a retryable error", "[notify][sms]") {
  std::string url = "http://127.0.0.1:" + std::to_string(closed_port()) + "/sms";
  SendResult r = notify::send_sms({url, kSecret, 2000ms}, kPhone, kText, "d-4");
  CHECK_FALSE(r.delivered);
  CHECK(r.retryable);
  CHECK(r.http_status == 0);
  check_safe(r);
}

TEST_CASE("a bad gateway URL is not retried", "[notify][sms]") {
  SendResult r = notify::send_sms({"ftp://127.0.0.1/sms", kSecret, 2000ms}, kPhone, kText, "d-5");
  CHECK_FALSE(r.delivered);
  CHECK_FALSE(r.retryable);
  check_safe(r);
}

TEST_CASE("a webhook delivery is signed, named and retried until accepted", "[notify][webhook]") {
  HttpPeer peer({502, 200});
  const std::string body = R"({"event":"delivered","tracking_number":"EC136431858VN","office":"Bưu điện Bắc Kạn"})";
  const std::string id = "6f1c1f0e-2b9a-4c1e-9d3e-0a4b5c6d7e8f";

  SendResult first = notify::send_webhook(peer.url("/hooks/one-stop"), "agency-secret", "delivered", id, body, 2000ms);
  CHECK_FALSE(first.delivered);
  CHECK(first.retryable);
  CHECK(first.http_status == 502);
  check_safe(first);

  SendResult second = notify::send_webhook(peer.url("/hooks/one-stop"), "agency-secret", "delivered", id, body, 2000ms);
  CHECK(second.delivered);
  CHECK(second.http_status == 200);

  auto requests = peer.requests();
  REQUIRE(requests.size() == 2);
  for (const auto& req : requests) {
    CHECK(req.method == "POST");
    CHECK(req.target == "/hooks/one-stop");
    CHECK(req.body == body);
    CHECK(req.header("content-type") == "application/json");
    CHECK(req.header("x-tracker-event") == "delivered");
    CHECK(req.header("x-tracker-delivery") == id);
    std::string sig = req.header("x-tracker-signature");
    CHECK(sig.starts_with("t="));
    CHECK(notify::verify_signature(sig, "agency-secret", req.body));
    CHECK_FALSE(notify::verify_signature(sig, "agency-secret", req.body + " "));
  }
}

TEST_CASE("a webhook that hangs times out, one that is refused is retryable", "[notify][webhook]") {
  {
    HttpPeer peer(HttpPeer::hanging());
    auto started = std::chrono::steady_clock::now();
    SendResult r = notify::send_webhook(peer.url("/h"), "s", "held", "id-1", "{}", 300ms);
    CHECK(std::chrono::steady_clock::now() - started < 1500ms);
    CHECK_FALSE(r.delivered);
    CHECK(r.retryable);
    CHECK(r.error.find("timed out") != std::string::npos);
  }
  std::string url = "http://127.0.0.1:" + std::to_string(closed_port()) + "/h";
  SendResult r = notify::send_webhook(url, "s", "held", "id-1", "{}", 2000ms);
  CHECK_FALSE(r.delivered);
  CHECK(r.retryable);
}

TEST_CASE("a webhook header cannot be split by a line break", "[notify][webhook]") {
  HttpPeer peer({200});
  SendResult r = notify::send_webhook(peer.url("/h"), "s", "held\r\nX-Evil: 1", "id", "{}", 2000ms);
  CHECK_FALSE(r.delivered);
  CHECK_FALSE(r.retryable);
  CHECK(peer.requests().empty());
}
