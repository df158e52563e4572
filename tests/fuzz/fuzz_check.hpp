#pragma once
// FUZZ_CHECK(cond, what): an invariant of the code under test. When it does
// not hold the target prints what and aborts, so libFuzzer saves the input
// as a crash-* file just as it does for a sanitizer report.
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace tracker::fuzz {

[[noreturn]] inline void invariant_failed(const char* cond, std::string_view what, const char* file, int line) {
  std::fprintf(stderr, "\n==fuzz== invariant broken at %s:%d: %s\n==fuzz== %.*s\n", file, line, cond,
               static_cast<int>(what.size()), what.data());
  std::abort();
}

// True when s is well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
inline bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    std::size_t n;
    unsigned cp;
    if (b0 < 0x80) { ++i; continue; }
    if (b0 >= 0xC2 && b0 <= 0xDF) { n = 2; cp = b0 & 0x1F; }
    else if (b0 >= 0xE0 && b0 <= 0xEF) { n = 3; cp = b0 & 0x0F; }
    else if (b0 >= 0xF0 && b0 <= 0xF4) { n = 4; cp = b0 & 0x07; }
    else return false;
    if (i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k) {
      const auto b = static_cast<unsigned char>(s[i + k]);
      if ((b & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (b & 0x3F);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    i += n;
  }
  return true;
}

inline std::string_view as_text(const unsigned char* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace tracker::fuzz

#define FUZZ_CHECK(cond, what)                                                         \
  do {                                                                                 \
    if (!(cond)) ::tracker::fuzz::invariant_failed(#cond, (what), __FILE__, __LINE__); \
  } while (0)
