// Unaccented text for SMS routes, and SMS segment counts.
#include <catch2/catch.hpp>

#include "tracker/domain/text.hpp"
#include "tracker/notify/templates.hpp"

using tracker::notify::sms_segments;
using tracker::domain::to_ascii;

namespace {

bool pure_ascii(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

std::string repeat(std::string_view piece, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += piece;
  return out;
}

}  // namespace

TEST_CASE("Vietnamese is written without diacritics", "[notify][ascii]") {
  auto [text, expected] = GENERATE(table<std::string, std::string>({
      {"Đã phát", "Da phat"},
      {"Hồ sơ đã được giao", "Ho so da duoc giao"},
      {"Bưu điện thành phố Bắc Kạn", "Buu dien thanh pho Bac Kan"},
      {"UBND phường Đức Xuân", "UBND phuong Duc Xuan"},
      {"ĐƯỜNG NGUYỄN TRÃI", "DUONG NGUYEN TRAI"},
      {"Thừa Thiên Huế", "Thua Thien Hue"},
      {"Người nhận vắng nhà", "Nguoi nhan vang nha"},
      {"giấy ủy quyền hợp lệ", "giay uy quyen hop le"},
      {"Kỳ Sơn, Quỳnh Lưu, Mỹ Tho", "Ky Son, Quynh Luu, My Tho"},
      {"khuyến khích, nghiêng, thuở, ngoằn ngoèo", "khuyen khich, nghieng, thuo, ngoan ngoeo"},
      {"Ỷ Lan, Ỳ, Ỹ, Ỵ", "Y Lan, Y, Y, Y"},
      {"ă â ê ô ơ ư đ Ă Â Ê Ô Ơ Ư Đ", "a a e o o u d A A E O O U D"},
      // Decomposed (NFD): the marks come after their letters.
      {"Ha\u0300 No\u0323\u0302i", "Ha Noi"},
      {"D\u0323u\u031B\u0300ng", "Dung"},
      {"“Phát” – 25.000₫…", "\"Phat\" - 25.000d..."},
      {"EC136431858VN https://tracuu.example.vn/track/EC136431858VN",
       "EC136431858VN https://tracuu.example.vn/track/EC136431858VN"},
      {"北京", "??"},
      {"\xff\xfe", "??"},
      {"", ""}}));
  CAPTURE(text);
  CHECK(to_ascii(text) == expected);
}

TEST_CASE("every Vietnamese letter becomes its base letter", "[notify][ascii]") {
  auto [letters, base] = GENERATE(table<std::string, char>({
      {"àáảãạăằắẳẵặâầấẩẫậ", 'a'}, {"ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ", 'A'},
      {"èéẻẽẹêềếểễệ", 'e'},         {"ÈÉẺẼẸÊỀẾỂỄỆ", 'E'},
      {"ìíỉĩị", 'i'},               {"ÌÍỈĨỊ", 'I'},
      {"òóỏõọôồốổỗộơờớởỡợ", 'o'},   {"ÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ", 'O'},
      {"ùúủũụưừứửữự", 'u'},         {"ÙÚỦŨỤƯỪỨỬỮỰ", 'U'},
      {"ỳýỷỹỵ", 'y'},               {"ỲÝỶỸỴ", 'Y'},
      {"đ", 'd'},                   {"Đ", 'D'}}));
  CAPTURE(letters);
  std::string out = to_ascii(letters);
  CHECK(pure_ascii(out));
  CHECK(out == std::string(out.size(), base));
  CHECK(out.size() >= 1);
}

TEST_CASE("SMS segments follow GSM 03.38 and UCS-2 limits", "[notify][sms]") {
  auto [text, segments] = GENERATE(table<std::string, int>({
      {"", 0},
      {"Da phat", 1},
      {repeat("a", 160), 1},
      {repeat("a", 161), 2},
      {repeat("a", 306), 2},
      {repeat("a", 307), 3},
      {repeat("é", 160), 1},    // é is in the GSM alphabet
      {repeat("{", 80), 1},     // extension characters take two septets
      {repeat("{", 81), 2},
      {repeat("€", 80), 1},
      {repeat("ư", 70), 1},     // not GSM: UCS-2
      {repeat("ư", 71), 2},
      {repeat("ư", 134), 2},
      {repeat("ư", 135), 3},
      {repeat("a", 100) + "đ", 2},  // one Vietnamese letter makes the whole text UCS-2
      {repeat("a", 60) + "`", 1},   // "`" is not in GSM 03.38
      {repeat("😀", 35), 1},         // outside the BMP: two UTF-16 units each
      {repeat("😀", 36), 2}}));
  CAPTURE(text);
  CHECK(sms_segments(text) == segments);
}
