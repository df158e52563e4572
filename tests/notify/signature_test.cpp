// X-Tracker-Signature against a vector computed independently.
#include <catch2/catch.hpp>

#include "tracker/notify/signature.hpp"

namespace notify = tracker::notify;

namespace {

const std::string kSecret = "bí mật-secret";  // UTF-8 bytes are the key
const std::string kBody =
    R"({"to":"+84912345678","text":"Hồ sơ đã đến","reference":"d3b07384-d113-4ec6-a7d2-0c4f2a1b5e9f"})";
// Computed once with
//   printf '%s' "1764210600.$BODY" | openssl dgst -sha256 -hmac 'bí mật-secret'
// (and the same with Python's hmac module).
const std::string kExpected =
    "t=1764210600,v1=08b7a3866f6d2c6bd35035db2fc452bd793d36bd19d61d782163d8403cf95b01";

}  // namespace

TEST_CASE("the signature header matches an independently computed HMAC-SHA256", "[notify][signature]") {
  CHECK(notify::signature_header(kSecret, 1764210600, kBody) == kExpected);
}

TEST_CASE("verify_signature accepts the right secret and body only", "[notify][signature]") {
  CHECK(notify::verify_signature(kExpected, kSecret, kBody));
  CHECK(notify::verify_signature(notify::signature_header("s", 42, ""), "s", ""));

  auto [header, secret, body] = GENERATE_REF(table<std::string, std::string, std::string>({
      {kExpected, "bi mat-secret", kBody},                      // another secret
      {kExpected, kSecret, kBody + "\n"},                        // another body
      {"t=1764210601" + kExpected.substr(12), kSecret, kBody},  // another time
      {"v1=" + kExpected.substr(16), kSecret, kBody},           // no time
      {kExpected.substr(0, 16), kSecret, kBody},                // no signature
      {"t=1764210600,v1=" + std::string(64, '0'), kSecret, kBody},
      {"t=abc,v1=" + kExpected.substr(16), kSecret, kBody},
      {"", kSecret, kBody}}));
  CAPTURE(header, secret, body);
  CHECK_FALSE(notify::verify_signature(header, secret, body));
}

TEST_CASE("verify_signature takes any of several v1 entries and ignores unknown ones", "[notify][signature]") {
  std::string v1 = kExpected.substr(16);
  CHECK(notify::verify_signature("t=1764210600,v1=" + std::string(64, 'a') + ",v1=" + v1, kSecret, kBody));
  CHECK(notify::verify_signature("t=1764210600, v0=zz, v1=" + v1, kSecret, kBody));
  CHECK(notify::verify_signature("v1=" + v1 + ",t=1764210600", kSecret, kBody));
  CHECK_FALSE(notify::verify_signature("t=1764210600,t=1,v1=" + v1, kSecret, kBody));
}
