#include "tracker/domain/masking.hpp"

#include <cstdint>

namespace tracker::domain {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string_view trim(std::string_view s) {
  std::size_t b = 0;
  std::size_t e = s.size();
  while (b < e && is_space(s[b])) ++b;
  while (e > b && is_space(s[e - 1])) --e;
  return s.substr(b, e - b);
}

// Decodes the code point at s[pos] and stores its length in bytes in len.
// Malformed sequences count as one byte.
std::uint32_t decode(std::string_view s, std::size_t pos, std::size_t& len) {
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  unsigned char b0 = byte(pos);
  std::size_t n = b0 < 0x80           ? 1
                  : (b0 >> 5) == 0x6  ? 2
                  : (b0 >> 4) == 0xE  ? 3
                  : (b0 >> 3) == 0x1E ? 4
                                      : 0;
  if (n == 0 || pos + n > s.size()) {
    len = 1;
    return b0;
  }
  std::uint32_t cp = n == 1 ? b0 : b0 & (0x7F >> n);
  for (std::size_t i = 1; i < n; ++i) {
    if ((byte(pos + i) & 0xC0) != 0x80) {
      len = 1;
      return b0;
    }
    cp = (cp << 6) | (byte(pos + i) & 0x3F);
  }
  len = n;
  return cp;
}

bool is_combining_mark(std::uint32_t cp) {
  return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
         (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
         (cp >= 0xFE20 && cp <= 0xFE2F);
}

// The first user-perceived character of s: one code point and the combining
// marks that follow it.
std::string_view first_character(std::string_view s) {
  if (s.empty()) return s;
  std::size_t len = 0;
  decode(s, 0, len);
  std::size_t end = len;
  while (end < s.size()) {
    std::uint32_t cp = decode(s, end, len);
    if (!is_combining_mark(cp)) break;
    end += len;
  }
  return s.substr(0, end);
}

}  // namespace

std::string mask_name(std::string_view utf8_full_name) {
  std::string out;
  std::string_view rest = trim(utf8_full_name);
  bool first_word = true;
  while (!rest.empty()) {
    std::size_t end = 0;
    while (end < rest.size() && !is_space(rest[end])) ++end;
    std::string_view word = rest.substr(0, end);
    if (first_word) {
      out.append(word);
      first_word = false;
    } else {
      out.append(" ").append(first_character(word)).append(".");
    }
    rest = trim(rest.substr(end));
  }
  return out;
}

std::string mask_email(std::string_view email) {
  email = trim(email);
  std::size_t at = email.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == email.size()) return "***";
  std::string out(first_character(email.substr(0, at)));
  out += "***";
  out.append(email.substr(at));
  return out;
}

}  // namespace tracker::domain
