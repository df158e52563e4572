#pragma once
// Text: one HTML escaping for the e-mails and the pages; Vietnamese without
// its marks for ASCII-only SMS routes and for matching names as people type them.
#include <string>
#include <string_view>

namespace tracker::domain {

// & < > " ' as entities: safe in HTML text and in quoted attributes.
std::string html_escape(std::string_view text);

// The code points of UTF-8 text; a malformed sequence gives U+FFFD and skips
// one byte.
std::u32string decode_utf8(std::string_view text);

// Vietnamese without diacritics, as unaccented SMS routes need it: "Đã phát"
// → "Da phat"; đ → d, Đ → D; every tone and vowel mark removed, precomposed
// or combining. Other non-ASCII text becomes its nearest ASCII ("–" → "-",
// "“" → "\"") or "?"; the result is pure ASCII.
std::string to_ascii(std::string_view utf8);

// The form names are compared in: to_ascii, lower case, every run of other
// characters one space, trimmed. "Phường  Đức Xuân" → "phuong duc xuan".
std::string search_key(std::string_view utf8);

}  // namespace tracker::domain
