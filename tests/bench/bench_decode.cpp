// Milliseconds to decode a 1920×1080 photo (issue 3; target ≤ 10 ms).
// Builds two photo-like gray images (a Code 128 of an S10 near the bottom,
// a QR of the tracking link), plus one with no barcode, encodes them as PNG
// and JPEG in memory, then times decode_image() and decode_gray() over N
// runs, and ZXing's old default (every format, tryHarder) on the same
// pixels for comparison (in a child process: on the Code 128 photo it
// aborts, see src/barcode/decode.cpp). Prints p50/p99 per photo.
// Usage: bench_decode [N=50]
#include <ZXing/DecodeHints.h>
#include <ZXing/ImageView.h>
#include <ZXing/ReadBarcode.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "test_images.hpp"
#include "tracker/barcode/decode.hpp"
#include "tracker/barcode/encode.hpp"

using namespace tracker::barcode;
using testing::GrayPixels;

namespace {

constexpr int kWidth = 1920;
constexpr int kHeight = 1080;

// A phone photo of a label on a desk, drawn by hand: a textured desk, a
// sheet of paper under uneven light, lines of "text" (dark word-sized
// blocks), the symbol, then a little blur and sensor noise.
class PhotoBuilder {
 public:
  explicit PhotoBuilder(std::uint32_t seed) : rng_(seed), image_{kWidth, kHeight, {}} {
    image_.pixels.resize(std::size_t{kWidth} * kHeight);
    light_.resize(image_.pixels.size());
    for (int y = 0; y < kHeight; ++y) {
      for (int x = 0; x < kWidth; ++x) {
        const double l = 0.75 + 0.2 * x / kWidth + 0.1 * y / kHeight;  // the lamp is to the right
        light_[index(x, y)] = l;
        const double desk = 90 + 20 * std::sin(x * 0.021 + 3 * std::sin(y * 0.013)) + 8 * std::sin(y * 0.11);
        image_.pixels[index(x, y)] = clamp(desk * l);
      }
    }
  }

  // Paper from (left, top) to (right, bottom), with rows of words on it
  // except in the rectangles kept clear for symbols.
  PhotoBuilder& paper(int left, int top, int right, int bottom) {
    fill(left, top, right, bottom, 235);
    std::uniform_int_distribution<int> word(20, 110), gap(8, 20);
    for (int y = top + 30; y + 14 < bottom - 30; y += 34) {
      for (int x = left + 30; x < right - 30;) {
        const int w = std::min(word(rng_), right - 30 - x);
        fill(x, y, x + w, y + 14, 40);
        x += w + gap(rng_);
      }
    }
    return *this;
  }

  PhotoBuilder& symbol(const GrayPixels& s, int left, int top) {
    fill(left - 20, top - 20, left + s.width + 20, top + s.height + 20, 235);  // the symbol's own white box
    for (int y = 0; y < s.height; ++y) {
      for (int x = 0; x < s.width; ++x) {
        set(left + x, top + y, s.pixels[std::size_t(y) * s.width + x] == 0 ? 30 : 235);
      }
    }
    return *this;
  }

  GrayPixels finish() {
    blur();
    std::normal_distribution<double> noise(0.0, 3.0);
    for (auto& px : image_.pixels) px = clamp(px + noise(rng_));
    return image_;
  }

 private:
  static std::size_t index(int x, int y) { return std::size_t(y) * kWidth + x; }
  static std::uint8_t clamp(double v) { return static_cast<std::uint8_t>(std::clamp(v, 0.0, 255.0)); }
  void set(int x, int y, double reflectance) { image_.pixels[index(x, y)] = clamp(reflectance * light_[index(x, y)]); }
  void fill(int left, int top, int right, int bottom, double reflectance) {
    for (int y = std::max(0, top); y < std::min(kHeight, bottom); ++y) {
      for (int x = std::max(0, left); x < std::min(kWidth, right); ++x) set(x, y, reflectance);
    }
  }
  // A 3×3 box blur: the lens and the phone's own processing.
  void blur() {
    const auto src = image_.pixels;
    for (int y = 1; y + 1 < kHeight; ++y) {
      for (int x = 1; x + 1 < kWidth; ++x) {
        int sum = 0;
        for (int dy = -1; dy <= 1; ++dy) {
          for (int dx = -1; dx <= 1; ++dx) sum += src[index(x + dx, y + dy)];
        }
        image_.pixels[index(x, y)] = static_cast<std::uint8_t>(sum / 9);
      }
    }
  }

  std::mt19937 rng_;
  GrayPixels image_;
  std::vector<double> light_;
};

// The label fills most of the frame; its Code 128 (3 px per module) is near
// the bottom of the image.
GrayPixels code128_photo() {
  const auto bars = encode(Symbology::code128, "EC136431858VN");
  const auto symbol = testing::render(*bars, 3, 110);
  return PhotoBuilder(1)
      .paper(260, 40, 1660, 1060)
      .symbol(symbol, (kWidth - symbol.width) / 2, kHeight - symbol.height - 60)
      .finish();
}

// The QR (5 px per module) at the right of the label.
GrayPixels qr_photo() {
  const auto qr = encode(Symbology::qr, "https://tracuu.example.vn/track/EC136431858VN");
  const auto symbol = testing::render(*qr, 5);
  return PhotoBuilder(2).paper(260, 40, 1660, 1060).symbol(symbol, 1300, 400).finish();
}

// The same label without any symbol: every stage runs and finds nothing.
GrayPixels no_barcode_photo() { return PhotoBuilder(3).paper(260, 40, 1660, 1060).finish(); }

struct Stats {
  double p50 = 0, p99 = 0;
  std::size_t found = 0;
};

Stats time_it(int runs, const std::function<std::size_t()>& decode) {
  std::vector<double> ms;
  std::size_t found = decode();  // warm-up, and what is found
  for (int i = 0; i < runs; ++i) {
    const auto start = std::chrono::steady_clock::now();
    found = decode();
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(ms.begin(), ms.end());
  const auto at = [&](double q) { return ms[std::min(ms.size() - 1, static_cast<std::size_t>(q * ms.size()))]; };
  return {at(0.50), at(0.99), found};
}

void report(const char* photo, const char* what, const Stats& s) {
  std::printf("%-10s %-44s p50 %7.2f ms  p99 %7.2f ms  barcodes %zu\n", photo, what, s.p50, s.p99, s.found);
}

std::size_t zxing_old_default(const GrayPixels& image, bool downscale) {
  ZXing::DecodeHints hints;  // every format, tryHarder, tryRotate
  hints.setTryDownscale(downscale);
  return ZXing::ReadBarcodes(ZXing::ImageView(image.pixels.data(), image.width, image.height, ZXing::ImageFormat::Lum),
                             hints)
      .size();
}

// Runs a report in a child process: ZXing 1.4's defaults can abort (see
// src/barcode/decode.cpp), and that must not end the benchmark.
void report_isolated(const char* photo, const char* what, const std::function<Stats()>& measure) {
  std::fflush(stdout);
  const pid_t child = ::fork();
  if (child == 0) {
    report(photo, what, measure());
    std::fflush(stdout);
    ::_exit(0);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  if (WIFSIGNALED(status)) {
    std::printf("%-10s %-44s ABORTED by signal %d (ZXing 1.4 assertion)\n", photo, what, WTERMSIG(status));
  }
}

}  // namespace

int main(int argc, char** argv) {
  const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 50;
  struct Photo {
    const char* name;
    GrayPixels pixels;
  };
  const Photo photos[] = {{"code128", code128_photo()}, {"qr", qr_photo()}, {"none", no_barcode_photo()}};

  std::printf("bench_decode: %dx%d, %d runs each\n", kWidth, kHeight, runs);
  for (const auto& photo : photos) {
    const GrayPixels& g = photo.pixels;
    const std::string png = testing::to_png(g);
    const std::string jpeg = testing::to_jpeg(g, 85);
    report(photo.name, "decode_gray",
           time_it(runs, [&] { return decode_gray(g.pixels.data(), g.width, g.height, g.width).size(); }));
    report(photo.name, ("decode_image PNG (" + std::to_string(png.size() / 1024) + " KiB)").c_str(),
           time_it(runs, [&] { return decode_image(png)->size(); }));
    report(photo.name, ("decode_image JPEG q85 (" + std::to_string(jpeg.size() / 1024) + " KiB)").c_str(),
           time_it(runs, [&] { return decode_image(jpeg)->size(); }));
    // ZXing 1.4's defaults also downscale; with linear formats that can abort
    // (see src/barcode/decode.cpp), so the comparison runs without it too.
    report_isolated(photo.name, "ZXing all formats+tryHarder, no downscale",
                    [&] { return time_it(runs, [&] { return zxing_old_default(g, false); }); });
    report_isolated(photo.name, "ZXing all formats+tryHarder (1.4 defaults)",
                    [&] { return time_it(runs, [&] { return zxing_old_default(g, true); }); });
  }
  return 0;
}
