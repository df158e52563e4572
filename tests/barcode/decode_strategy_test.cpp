// decode_gray()'s staged search (src/barcode/decode.cpp) on 1080p frames:
// the cheap first stage must still find a Code 128 near the bottom or turned
// 90°, every symbol of a label, and the later stages what it cannot.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "test_images.hpp"
#include "tracker/barcode/decode.hpp"
#include "tracker/barcode/encode.hpp"

using namespace tracker::barcode;
using testing::GrayPixels;

namespace {

constexpr std::string_view kTrackingNumber = "EC136431858VN";
constexpr std::string_view kTrackingUrl = "https://tracuu.example.vn/track/EC136431858VN";

GrayPixels code128_pixels(int scale = 3, int bar_height = 110) {
  const auto m = encode(Symbology::code128, kTrackingNumber);
  REQUIRE(m.has_value());
  return testing::render(*m, scale, bar_height);
}

GrayPixels qr_pixels(int scale = 5) {
  const auto m = encode(Symbology::qr, kTrackingUrl);
  REQUIRE(m.has_value());
  return testing::render(*m, scale);
}

// Copies symbol onto canvas at (x, y).
void paste(GrayPixels& canvas, const GrayPixels& symbol, int x, int y) {
  for (int row = 0; row < symbol.height; ++row) {
    std::copy_n(symbol.pixels.begin() + std::ptrdiff_t{row} * symbol.width, symbol.width,
                canvas.pixels.begin() + std::ptrdiff_t{y + row} * canvas.width + x);
  }
}

GrayPixels blank(int width, int height) {
  return {width, height, std::vector<std::uint8_t>(static_cast<std::size_t>(width) * height, 255)};
}

std::vector<DecodedBarcode> decode(const GrayPixels& g) {
  return decode_gray(g.pixels.data(), g.width, g.height, g.width);
}

bool has(const std::vector<DecodedBarcode>& found, std::string_view format, std::string_view text) {
  return std::any_of(found.begin(), found.end(), [&](const auto& b) { return b.format == format && b.text == text; });
}

}  // namespace

TEST_CASE("a Code 128 near the bottom of a 1080p frame is found", "[barcode][strategy]") {
  auto frame = blank(1920, 1080);
  const auto bars = code128_pixels();
  paste(frame, bars, (1920 - bars.width) / 2, 1080 - bars.height - 20);
  const auto found = decode(frame);
  REQUIRE(found.size() == 1);
  CHECK(found[0].tracking_number == std::string(kTrackingNumber));
}

TEST_CASE("a Code 128 turned 90 degrees is found", "[barcode][strategy]") {
  const auto [width, height] = GENERATE(table<int, int>({{1920, 1080}, {1080, 1920}}));
  CAPTURE(width, height);
  auto frame = blank(width, height);
  const auto bars = testing::turned(code128_pixels());
  paste(frame, bars, width - bars.width - 100, (height - bars.height) / 2);
  const auto found = decode(frame);
  REQUIRE(found.size() == 1);
  CHECK(found[0].tracking_number == std::string(kTrackingNumber));
}

TEST_CASE("every symbol of a label in a 1080p frame is returned", "[barcode][strategy]") {
  auto frame = blank(1920, 1080);
  paste(frame, code128_pixels(), 300, 800);
  paste(frame, qr_pixels(), 1300, 200);
  const auto found = decode(frame);
  CHECK(found.size() == 2);
  CHECK(has(found, "Code128", kTrackingNumber));
  CHECK(has(found, "QRCode", kTrackingUrl));
}

// Debian's ZXing 1.4 aborts the process on this picture when asked for
// every linear symbol at once (see src/barcode/decode.cpp).
TEST_CASE("two equal Code 128 symbols in one image do not abort: one is returned", "[barcode][strategy]") {
  auto frame = blank(700, 400);
  const auto bars = code128_pixels(2, 60);
  paste(frame, bars, 20, 20);
  paste(frame, bars, 300, 200);
  const auto found = decode(frame);
  REQUIRE(found.size() == 1);
  CHECK(found[0].tracking_number == std::string(kTrackingNumber));
}

TEST_CASE("a QR printed light on dark is found by the last stage", "[barcode][strategy]") {
  auto frame = blank(800, 600);
  paste(frame, qr_pixels(4), 200, 100);
  const auto found = decode(testing::inverted(frame));
  REQUIRE(found.size() == 1);
  CHECK(has(found, "QRCode", kTrackingUrl));
}

TEST_CASE("formats we do not print are still read", "[barcode][strategy]") {
  // EAN-13 5901234123457 drawn by hand: start, 901234 in the L/G codes the
  // leading 5 selects (LGGLLG), middle guard, 123457 in R codes, end.
  const std::string modules = std::string("101") + "0001011" + "0100111" + "0110011" + "0010011" + "0111101" +
                              "0011101" + "01010" + "1100110" + "1101100" + "1000010" + "1011100" + "1001110" +
                              "1000100" + "101";
  GrayPixels ean = blank(static_cast<int>(modules.size() + 22) * 3, 90);
  for (int y = 0; y < ean.height; ++y) {
    for (std::size_t i = 0; i < modules.size(); ++i) {
      if (modules[i] == '1') std::fill_n(ean.pixels.begin() + y * ean.width + (11 + i) * 3, 3, 0);
    }
  }
  const auto found = decode(ean);
  REQUIRE(found.size() == 1);
  CHECK(found[0].format == "EAN-13");
  CHECK(found[0].text == "5901234123457");
  CHECK_FALSE(found[0].tracking_number.has_value());
}
