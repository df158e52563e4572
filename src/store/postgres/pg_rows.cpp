#include "pg_rows.hpp"

#include <stdexcept>

namespace tracker::store::postgres::rows {
namespace {

constexpr char kHex[] = "0123456789abcdef";

int nibble(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  throw std::runtime_error("PostgreSQL sent a bytea that is not hex");
}

}  // namespace

std::string bytea(const std::string& bytes) {
  std::string out = "\\x";
  out.reserve(2 + bytes.size() * 2);
  for (unsigned char c : bytes) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

std::string Row::bytes(int c) const {
  auto s = view(c);
  if (s.size() < 2 || s[0] != '\\' || s[1] != 'x' || s.size() % 2 != 0) {
    throw std::runtime_error("PostgreSQL sent a bytea not in hex form (bytea_output must be 'hex')");
  }
  std::string out;
  out.reserve((s.size() - 2) / 2);
  for (std::size_t i = 2; i < s.size(); i += 2) out += static_cast<char>(nibble(s[i]) * 16 + nibble(s[i + 1]));
  return out;
}

}  // namespace tracker::store::postgres::rows
