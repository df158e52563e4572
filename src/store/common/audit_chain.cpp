#include "audit_chain.hpp"

#include <openssl/evp.h>

#include <stdexcept>

namespace tracker::store::audit_chain {
namespace {

// JSON string escaping of our own: the canonical form must never change
// with a library's formatting choices.
void append_json_string(std::string& out, const std::string& s) {
  out += '"';
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          static constexpr char kHex[] = "0123456789abcdef";
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 15];
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
}

// [seq, at, actor, action, subject, detail] with detail as a string.
std::string canonical(std::int64_t seq, std::int64_t at, const std::string& actor, const std::string& action,
                      const std::string& subject, const std::string& detail) {
  std::string out = "[" + std::to_string(seq) + "," + std::to_string(at) + ",";
  append_json_string(out, actor);
  out += ',';
  append_json_string(out, action);
  out += ',';
  append_json_string(out, subject);
  out += ',';
  append_json_string(out, detail);
  out += ']';
  return out;
}

}  // namespace

std::string row_hash(const std::string& prev_hash, std::int64_t seq, std::int64_t at, const std::string& actor,
                     const std::string& action, const std::string& subject, const std::string& detail) {
  auto row = canonical(seq, at, actor, action, subject, detail);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  if (!ctx) throw std::runtime_error("EVP_MD_CTX_new failed");
  bool ok = EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr) == 1 &&
            EVP_DigestUpdate(ctx, prev_hash.data(), prev_hash.size()) == 1 &&
            EVP_DigestUpdate(ctx, row.data(), row.size()) == 1 && EVP_DigestFinal_ex(ctx, digest, &length) == 1;
  EVP_MD_CTX_free(ctx);
  if (!ok || length != kHashSize) throw std::runtime_error("SHA-256 failed");
  return std::string(reinterpret_cast<const char*>(digest), length);
}

}  // namespace tracker::store::audit_chain
