// encode() → render at whole-number scales → decode_gray() gives the text
// back; the quiet zones are where the specs want them.
#include <catch2/catch.hpp>

#include <string>

#include "test_images.hpp"
#include "tracker/barcode/decode.hpp"
#include "tracker/barcode/encode.hpp"

using namespace tracker::barcode;
using tracker::barcode::testing::render;

namespace {

constexpr std::string_view kTrackingUrl = "https://tracuu.example.vn/track/EC136431858VN";
constexpr std::string_view kVietnamese = "Hồ sơ: Đăng ký khai sinh";

std::vector<DecodedBarcode> decode_rendered(const ModuleMatrix& matrix, int scale) {
  const auto image = render(matrix, scale);
  return decode_gray(image.pixels.data(), image.width, image.height, image.width);
}

bool column_is_light(const ModuleMatrix& m, int x) {
  for (int y = 0; y < m.height; ++y) {
    if (m.dark(x, y)) return false;
  }
  return true;
}

bool row_is_light(const ModuleMatrix& m, int y) {
  for (int x = 0; x < m.width; ++x) {
    if (m.dark(x, y)) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("Code 128 of S10 numbers decodes back with its tracking number", "[barcode][encode]") {
  const auto [text, scale] = GENERATE(table<std::string_view, int>({
      {"EC136431858VN", 2}, {"EC136431858VN", 3}, {"RR287043775IN", 2}, {"RR287043775IN", 4}}));
  CAPTURE(text, scale);
  const auto matrix = encode(Symbology::code128, text);
  REQUIRE(matrix.has_value());
  const auto found = decode_rendered(*matrix, scale);
  REQUIRE(found.size() == 1);
  CHECK(found[0].format == "Code128");
  CHECK(found[0].text == text);
  CHECK(found[0].tracking_number == std::string(text));
}

TEST_CASE("QR codes decode back, UTF-8 Vietnamese included", "[barcode][encode]") {
  const auto [text, scale] = GENERATE(table<std::string_view, int>({
      {kTrackingUrl, 2}, {kTrackingUrl, 3}, {kVietnamese, 2}, {kVietnamese, 3}}));
  CAPTURE(text, scale);
  const auto matrix = encode(Symbology::qr, text);
  REQUIRE(matrix.has_value());
  const auto found = decode_rendered(*matrix, scale);
  REQUIRE(found.size() == 1);
  CHECK(found[0].format == "QRCode");
  CHECK(found[0].text == text);
  CHECK_FALSE(found[0].tracking_number.has_value());
}

TEST_CASE("a QR of a bare S10 number carries the tracking number", "[barcode][encode]") {
  const auto matrix = encode(Symbology::qr, "ec 136 431 858 vn");
  REQUIRE(matrix.has_value());
  const auto found = decode_rendered(*matrix, 3);
  REQUIRE(found.size() == 1);
  CHECK(found[0].tracking_number == "EC136431858VN");
}

TEST_CASE("DataMatrix decodes back", "[barcode][encode]") {
  const auto [text, scale] = GENERATE(table<std::string_view, int>({
      {"EC136431858VN", 3}, {"EC136431858VN", 4}, {"HS-2024-000123", 3}}));
  CAPTURE(text, scale);
  const auto matrix = encode(Symbology::datamatrix, text);
  REQUIRE(matrix.has_value());
  const auto found = decode_rendered(*matrix, scale);
  REQUIRE(found.size() == 1);
  CHECK(found[0].format == "DataMatrix");
  CHECK(found[0].text == text);
}

TEST_CASE("Code 128 has a 10-module quiet zone left and right and height 1", "[barcode][encode]") {
  const auto m = encode(Symbology::code128, "EC136431858VN");
  REQUIRE(m.has_value());
  CHECK(m->height == 1);
  CHECK(m->quiet_zone == kCode128QuietZone);
  CHECK(m->cells.size() == static_cast<std::size_t>(m->width));
  for (int x = 0; x < 10; ++x) {
    CHECK(column_is_light(*m, x));
    CHECK(column_is_light(*m, m->width - 1 - x));
  }
  CHECK(m->dark(10, 0));               // the start character begins with a bar
  CHECK(m->dark(m->width - 11, 0));    // the stop pattern ends with a bar
}

TEST_CASE("QR has a 4-module quiet zone on every side", "[barcode][encode]") {
  const auto m = encode(Symbology::qr, kTrackingUrl);
  REQUIRE(m.has_value());
  CHECK(m->quiet_zone == kQrQuietZone);
  CHECK(m->width == m->height);
  CHECK((m->width - 8 - 21) % 4 == 0);  // a QR version: 21 + 4(v - 1) modules, plus 2 × 4
  for (int i = 0; i < 4; ++i) {
    CHECK(column_is_light(*m, i));
    CHECK(column_is_light(*m, m->width - 1 - i));
    CHECK(row_is_light(*m, i));
    CHECK(row_is_light(*m, m->height - 1 - i));
  }
  CHECK(m->dark(4, 4));                          // top-left finder pattern
  CHECK(m->dark(m->width - 5, 4));               // top-right finder pattern
  CHECK(m->dark(4, m->height - 5));              // bottom-left finder pattern
}

TEST_CASE("DataMatrix has a 1-module quiet zone on every side", "[barcode][encode]") {
  const auto m = encode(Symbology::datamatrix, "EC136431858VN");
  REQUIRE(m.has_value());
  CHECK(m->quiet_zone == kDataMatrixQuietZone);
  CHECK(column_is_light(*m, 0));
  CHECK(column_is_light(*m, m->width - 1));
  CHECK(row_is_light(*m, 0));
  CHECK(row_is_light(*m, m->height - 1));
  for (int y = 1; y < m->height - 1; ++y) CHECK(m->dark(1, y));  // the solid L: left edge
  for (int x = 1; x < m->width - 1; ++x) CHECK(m->dark(x, m->height - 2));  // and bottom edge
}

TEST_CASE("text a symbology cannot carry is unencodable", "[barcode][encode]") {
  const auto [symbology, text] = GENERATE(table<Symbology, std::string>({
      {Symbology::code128, ""},
      {Symbology::code128, "Hồ sơ"},
      {Symbology::code128, std::string(81, '1')},
      {Symbology::qr, ""},
      {Symbology::qr, std::string(8000, 'x')},
      {Symbology::qr, "bad \xC3\x28 utf-8"},
      {Symbology::datamatrix, ""},
  }));
  CAPTURE(text.size());
  const auto m = encode(symbology, text);
  REQUIRE_FALSE(m.has_value());
  CHECK(m.error().errc == tracker::domain::Errc::invalid);
  CHECK(m.error().code == "unencodable");
}
