// X-Tracker-Signature: HMAC-SHA256 over "<t>.<body>", lower-case hex.
#include "tracker/notify/signature.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace tracker::notify {
namespace {

std::string hex_hmac(std::string_view secret, std::string_view timestamp, std::string_view body) {
  std::string signed_text;
  signed_text.reserve(timestamp.size() + 1 + body.size());
  signed_text.append(timestamp).append(".").append(body);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (!HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
            reinterpret_cast<const unsigned char*>(signed_text.data()), signed_text.size(), mac,
            &len)) {
    throw std::runtime_error("HMAC-SHA256 failed");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(len * 2);
  for (unsigned int i = 0; i < len; ++i) {
    hex += kHex[mac[i] >> 4];
    hex += kHex[mac[i] & 0x0F];
  }
  return hex;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

bool all_digits(std::string_view s) {
  if (s.empty() || s.size() > 19) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

std::string signature_header(std::string_view secret, std::int64_t unix_seconds,
                             std::string_view body) {
  std::string t = std::to_string(unix_seconds);
  return "t=" + t + ",v1=" + hex_hmac(secret, t, body);
}

bool verify_signature(std::string_view header, std::string_view secret, std::string_view body) {
  std::string_view timestamp;
  std::vector<std::string_view> candidates;
  while (!header.empty()) {
    std::size_t comma = header.find(',');
    std::string_view item = trim(header.substr(0, comma));
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    std::size_t eq = item.find('=');
    if (eq == std::string_view::npos) continue;
    std::string_view key = item.substr(0, eq), value = item.substr(eq + 1);
    if (key == "t") {
      if (!timestamp.empty()) return false;  // two timestamps: ambiguous
      timestamp = value;
    } else if (key == "v1") {
      candidates.push_back(value);
    }
  }
  if (!all_digits(timestamp) || candidates.empty()) return false;
  std::string expected = hex_hmac(secret, timestamp, body);
  bool match = false;
  for (std::string_view c : candidates) {
    if (c.size() == expected.size() && CRYPTO_memcmp(c.data(), expected.data(), c.size()) == 0) {
      match = true;
    }
  }
  return match;
}

}  // namespace tracker::notify
