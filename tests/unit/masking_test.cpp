#include "tracker/domain/masking.hpp"
#include "tracker/domain/text.hpp"

#include <catch2/catch.hpp>

using tracker::domain::mask_email;
using tracker::domain::mask_name;

TEST_CASE("a name keeps its first word and the initials of the rest", "[domain][masking]") {
  auto [name, masked] = GENERATE(table<std::string_view, std::string_view>({
      {"Nguyễn Văn An", "Nguyễn V. A."},
      {"Lê Thị Ánh", "Lê T. Á."},
      {"Đặng Đức Ừng", "Đặng Đ. Ừ."},
      {"Trần", "Trần"},
      {"  Phạm   Minh\tĐức  ", "Phạm M. Đ."},
      {"Hoàng Ổn", "Hoàng Ổ."},
      {"John Smith", "John S."},
      {"", ""},
      {"   ", ""},
  }));
  CAPTURE(name);
  CHECK(mask_name(name) == masked);
}

TEST_CASE("decomposed diacritics stay with their letter", "[domain][masking]") {
  // "Lê Ánh" with Á written as A + U+0301 COMBINING ACUTE ACCENT.
  CHECK(mask_name("L\xC3\xAA A\xCC\x81nh") == "L\xC3\xAA A\xCC\x81.");
  // "Văn" as a + U+0306 COMBINING BREVE does not matter: only V is kept.
  CHECK(mask_name("Nguyễn Va\xCC\x86n") == "Nguyễn V.");
}

TEST_CASE("an e-mail keeps the first character and the domain", "[domain][masking]") {
  auto [email, masked] = GENERATE(table<std::string_view, std::string_view>({
      {"an@example.vn", "a***@example.vn"},
      {"an.nguyen@example.vn", "a***@example.vn"},
      {" x@mail.gov.vn ", "x***@mail.gov.vn"},
      {"ánh@example.vn", "á***@example.vn"},
      {"no-at-sign", "***"},
      {"@example.vn", "***"},
      {"an@", "***"},
      {"", "***"},
  }));
  CAPTURE(email);
  CHECK(mask_email(email) == masked);
}

TEST_CASE("html_escape makes text safe in HTML text and quoted attributes", "[unit][text]") {
  using tracker::domain::html_escape;
  CHECK(html_escape("Nguyễn Văn An") == "Nguyễn Văn An");  // UTF-8 passes untouched
  CHECK(html_escape("<img src=x onerror=\"a('b')\">&") ==
        "&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt;&amp;");
  CHECK(html_escape("") == "");
}
