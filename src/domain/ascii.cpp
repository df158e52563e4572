// Vietnamese without its marks: for SMS routes that carry only ASCII, and
// for matching names the way people type them.
#include <string>
#include <string_view>
#include <unordered_map>

#include "tracker/domain/text.hpp"

namespace tracker::domain {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

// Decodes one code point at text[i] and advances i; a malformed sequence
// gives U+FFFD and skips one byte.
char32_t next_code_point(std::string_view text, std::size_t& i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char b = byte(i);
  if (b < 0x80) { ++i; return b; }
  int len = b >= 0xF0 && b < 0xF5 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 && b < 0xE0 ? 2 : 0;
  if (len == 0 || i + len > text.size()) { ++i; return kReplacement; }
  char32_t cp = b & (0x3F >> (len - 1));
  for (int k = 1; k < len; ++k) {
    unsigned char c = byte(i + k);
    if ((c & 0xC0) != 0x80) { ++i; return kReplacement; }
    cp = (cp << 6) | (c & 0x3F);
  }
  bool overlong = (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
  if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) { ++i; return kReplacement; }
  i += len;
  return cp;
}

// Each base letter and the letters written as it without marks: all of
// Vietnamese (the 5 tones over a ă â e ê i o ô ơ u ư y, and đ), and the
// Latin-1 letters a name or an address may bring along.
constexpr std::pair<char, std::string_view> kLetters[] = {
    {'a', "àáảãạăằắẳẵặâầấẩẫậäåāą"}, {'A', "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÄÅĀĄ"},
    {'e', "èéẻẽẹêềếểễệëēę"},        {'E', "ÈÉẺẼẸÊỀẾỂỄỆËĒĘ"},
    {'i', "ìíỉĩịîïī"},               {'I', "ÌÍỈĨỊÎÏĪ"},
    {'o', "òóỏõọôồốổỗộơờớởỡợöøō"},   {'O', "ÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÖØŌ"},
    {'u', "ùúủũụưừứửữựûüū"},        {'U', "ÙÚỦŨỤƯỪỨỬỮỰÛÜŪ"},
    {'y', "ỳýỷỹỵÿ"},                 {'Y', "ỲÝỶỸỴŸ"},
    {'d', "đ"},                      {'D', "ĐÐ"},
    {'c', "ç"},                      {'C', "Ç"},
    {'n', "ñ"},                      {'N', "Ñ"},
};

// Punctuation and spaces with a plain ASCII form.
constexpr std::pair<char32_t, std::string_view> kPunctuation[] = {
    {0x00A0, " "},   {0x2002, " "},  {0x2003, " "},  {0x2009, " "},  {0x202F, " "},
    {0x2010, "-"},   {0x2011, "-"},  {0x2012, "-"},  {0x2013, "-"},  {0x2014, "-"},
    {0x2018, "'"},   {0x2019, "'"},  {0x201C, "\""}, {0x201D, "\""}, {0x2026, "..."},
    {0x00AB, "\""},  {0x00BB, "\""}, {0x2022, "-"},  {0x00B7, "."},  {0x20AB, "d"},  // ₫
    {0x00DF, "ss"},  {0x00C6, "AE"}, {0x00E6, "ae"}, {0x2116, "No"},
};

const std::unordered_map<char32_t, std::string_view>& ascii_table() {
  static const auto table = [] {
    std::unordered_map<char32_t, std::string_view> t;
    static constexpr std::string_view kBases = "aAeEiIoOuUyYdDcCnN";
    for (const auto& [base, letters] : kLetters) {
      std::string_view one = kBases.substr(kBases.find(base), 1);
      for (char32_t cp : decode_utf8(letters)) t.emplace(cp, one);
    }
    for (const auto& [cp, text] : kPunctuation) t.emplace(cp, text);
    return t;
  }();
  return table;
}

// Marks written after their letter (NFD text), and invisible characters.
bool dropped(char32_t cp) {
  return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1DC0 && cp <= 0x1DFF) ||
         (cp >= 0x20D0 && cp <= 0x20FF) || (cp >= 0x200B && cp <= 0x200D) || cp == 0xFEFF;
}

}  // namespace

std::u32string decode_utf8(std::string_view text) {
  std::u32string out;
  for (std::size_t i = 0; i < text.size();) out += next_code_point(text, i);
  return out;
}

std::string to_ascii(std::string_view utf8) {
  const auto& table = ascii_table();
  std::string out;
  out.reserve(utf8.size());
  for (std::size_t i = 0; i < utf8.size();) {
    char32_t cp = next_code_point(utf8, i);
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (auto it = table.find(cp); it != table.end()) {
      out += it->second;
    } else if (!dropped(cp)) {
      out += '?';
    }
  }
  return out;
}

std::string search_key(std::string_view utf8) {
  std::string out;
  for (char c : to_ascii(utf8)) {
    bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
      alnum = true;
    }
    if (alnum) {
      out += c;
    } else if (!out.empty() && out.back() != ' ') {
      out += ' ';
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace tracker::domain
