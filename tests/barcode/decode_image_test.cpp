// decode_image(): every PNG pixel format and JPEG reach ZXing as gray; bad
// uploads are refused with the right code, without crashing and without
// allocating for pixels a header merely claims.
#include <catch2/catch.hpp>

#include <zlib.h>

#include <random>
#include <string>

#include "test_images.hpp"
#include "tracker/barcode/decode.hpp"
#include "tracker/barcode/encode.hpp"

using namespace tracker::barcode;
using testing::GrayPixels;
using testing::PngKind;

namespace {

// A label-like photo: a QR and a Code 128 of the same shipment.
GrayPixels label_image() {
  const auto qr = encode(Symbology::qr, "https://tracuu.example.vn/track/EC136431858VN");
  const auto bars = encode(Symbology::code128, "EC136431858VN");
  REQUIRE(qr.has_value());
  REQUIRE(bars.has_value());
  const auto qr_pixels = testing::render(*qr, 4);
  const auto bar_pixels = testing::render(*bars, 2, 80);
  auto canvas = testing::place_on_canvas(qr_pixels, 640, 480, 40, 40);
  for (int y = 0; y < bar_pixels.height; ++y) {
    std::copy_n(bar_pixels.pixels.begin() + std::ptrdiff_t{y} * bar_pixels.width, bar_pixels.width,
                canvas.pixels.begin() + std::ptrdiff_t{360 + y} * canvas.width + 40);
  }
  return canvas;
}

void check_label_found(const tracker::domain::Result<std::vector<DecodedBarcode>>& found) {
  REQUIRE(found.has_value());
  REQUIRE(found->size() == 2);
  int with_tracking_number = 0;
  for (const auto& b : *found) {
    if (b.format == "Code128") {
      CHECK(b.text == "EC136431858VN");
      CHECK(b.tracking_number == "EC136431858VN");
      ++with_tracking_number;
    } else {
      CHECK(b.format == "QRCode");
      CHECK(b.text == "https://tracuu.example.vn/track/EC136431858VN");
    }
  }
  CHECK(with_tracking_number == 1);
}

void check_refused(const tracker::domain::Result<std::vector<DecodedBarcode>>& result, std::string_view code) {
  REQUIRE_FALSE(result.has_value());
  CHECK(result.error().errc == tracker::domain::Errc::invalid);
  CHECK(result.error().code == code);
  CHECK_FALSE(result.error().detail.empty());
}

void append_u32(std::string& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>((v >> shift) & 0xFF));
}

// One PNG chunk: length, type, data, CRC-32 of type and data.
std::string png_chunk(std::string_view type, std::string_view data) {
  std::string chunk;
  append_u32(chunk, static_cast<std::uint32_t>(data.size()));
  chunk.append(type).append(data);
  const auto* body = reinterpret_cast<const Bytef*>(chunk.data() + 4);
  append_u32(chunk, static_cast<std::uint32_t>(crc32(0L, body, static_cast<uInt>(chunk.size() - 4))));
  return chunk;
}

// A well-formed PNG whose IHDR claims width × height 8-bit gray pixels,
// with a small IDAT that could never fill them.
std::string png_claiming(std::uint32_t width, std::uint32_t height) {
  std::string ihdr;
  append_u32(ihdr, width);
  append_u32(ihdr, height);
  ihdr += std::string("\x08\x00\x00\x00\x00", 5);  // depth 8, gray, deflate, adaptive, no interlace
  const std::string raw(1024, '\0');
  uLongf packed_size = compressBound(raw.size());
  std::string packed(packed_size, '\0');
  REQUIRE(compress(reinterpret_cast<Bytef*>(packed.data()), &packed_size, reinterpret_cast<const Bytef*>(raw.data()),
                   raw.size()) == Z_OK);
  packed.resize(packed_size);
  return std::string("\x89PNG\r\n\x1a\n", 8) + png_chunk("IHDR", ihdr) + png_chunk("IDAT", packed) +
         png_chunk("IEND", "");
}

std::string random_bytes(std::size_t size, std::uint32_t seed) {
  std::mt19937 rng(seed);
  std::string bytes(size, '\0');
  for (auto& c : bytes) c = static_cast<char>(rng() & 0xFF);
  return bytes;
}

}  // namespace

TEST_CASE("every PNG pixel format is read as gray", "[barcode][decode]") {
  const auto kind = GENERATE(PngKind::gray8, PngKind::rgb8, PngKind::palette, PngKind::gray16, PngKind::gray_alpha);
  CAPTURE(static_cast<int>(kind));
  check_label_found(decode_image(testing::to_png(label_image(), kind)));
}

TEST_CASE("a JPEG is read as gray", "[barcode][decode]") {
  check_label_found(decode_image(testing::to_jpeg(label_image(), 85)));
}

TEST_CASE("an image with no barcode gives an empty list", "[barcode][decode]") {
  const GrayPixels plain{640, 480, std::vector<std::uint8_t>(640 * 480, 128)};
  const auto from_png = decode_image(testing::to_png(plain));
  REQUIRE(from_png.has_value());
  CHECK(from_png->empty());
  const auto from_jpeg = decode_image(testing::to_jpeg(plain));
  REQUIRE(from_jpeg.has_value());
  CHECK(from_jpeg->empty());
}

TEST_CASE("bodies that are neither PNG nor JPEG are unsupported", "[barcode][decode][bad]") {
  std::string random = random_bytes(4096, 42);
  random[0] = 'x';
  const auto [name, body] = GENERATE_COPY(table<std::string, std::string>({
      {"empty", ""},
      {"random bytes", random},
      {"GIF", std::string("GIF89a\x10\x00\x10\x00\x80\x00\x00", 13) + random.substr(0, 64)},
      {"BMP", std::string("BM\x36\x04\x00\x00\x00\x00\x00\x00\x36\x00\x00\x00", 14) + random.substr(0, 64)},
      {"half a PNG signature", std::string("\x89PNG", 4)},
      {"text", "EC136431858VN"},
  }));
  CAPTURE(name);
  check_refused(decode_image(body), "unsupported_image");
}

TEST_CASE("truncated and broken images are corrupt", "[barcode][decode][bad]") {
  const auto png = testing::to_png(label_image());
  const auto jpeg = testing::to_jpeg(label_image());
  std::string png_bad_crc = png;
  png_bad_crc[20] ^= 0x01;  // a bit of the IHDR width: its CRC no longer matches
  const auto [name, body] = GENERATE_COPY(table<std::string, std::string>({
      {"half a PNG", png.substr(0, png.size() / 2)},
      {"PNG cut after its header", png.substr(0, 40)},
      {"PNG with a bad IHDR CRC", png_bad_crc},
      {"PNG signature and noise", png.substr(0, 8) + random_bytes(2048, 7)},
      {"half a JPEG", jpeg.substr(0, jpeg.size() / 2)},
      {"JPEG cut after its header", jpeg.substr(0, 200)},
      {"JPEG SOI and noise", jpeg.substr(0, 3) + random_bytes(2048, 9)},
  }));
  CAPTURE(name);
  check_refused(decode_image(body), "corrupt_image");
}

TEST_CASE("a header claiming 100000 x 100000 pixels is refused before decoding", "[barcode][decode][bad]") {
  check_refused(decode_image(png_claiming(100000, 100000)), "image_too_large");
  check_refused(decode_image(png_claiming(40'000'001, 1)), "image_too_large");
  // Under the limit the same trick is only a truncated image.
  check_refused(decode_image(png_claiming(1000, 1000)), "corrupt_image");
}

TEST_CASE("a JPEG header claiming 60000 x 60000 pixels is refused before decoding", "[barcode][decode][bad]") {
  std::string jpeg = testing::to_jpeg(label_image());
  const auto sof = jpeg.find("\xFF\xC0");  // baseline frame header: FFC0, length, precision, height, width
  REQUIRE(sof != std::string::npos);
  for (std::size_t field : {sof + 5, sof + 7}) {
    jpeg[field] = static_cast<char>(0xEA);  // 0xEA60 = 60000
    jpeg[field + 1] = static_cast<char>(0x60);
  }
  check_refused(decode_image(jpeg), "image_too_large");
}

TEST_CASE("the limits are the caller's", "[barcode][decode][bad]") {
  const auto png = testing::to_png(label_image());
  const auto jpeg = testing::to_jpeg(label_image());
  check_refused(decode_image(png, DecodeLimits{png.size() - 1, 40'000'000}), "image_too_large");
  check_refused(decode_image(png, DecodeLimits{8 << 20, 640 * 480 - 1}), "image_too_large");
  check_refused(decode_image(jpeg, DecodeLimits{8 << 20, 640 * 480 - 1}), "image_too_large");
  CHECK(decode_image(png, DecodeLimits{png.size(), 640 * 480}).has_value());
}

TEST_CASE("decode_gray refuses nonsense sizes quietly", "[barcode][decode][bad]") {
  const std::uint8_t pixel = 255;
  CHECK(decode_gray(nullptr, 10, 10, 10).empty());
  CHECK(decode_gray(&pixel, 0, 1, 1).empty());
  CHECK(decode_gray(&pixel, 1, -1, 1).empty());
  CHECK(decode_gray(&pixel, 2, 1, 1).empty());
}
