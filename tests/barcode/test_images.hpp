#pragma once
// Test helpers of tracker::barcode (also used by bench_decode): render a
// ModuleMatrix to gray pixels, and write gray pixels as PNG (several pixel
// formats) or JPEG in memory, with libpng and libjpeg-turbo.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "tracker/barcode/encode.hpp"

namespace tracker::barcode::testing {

// 8-bit gray, rows packed.
struct GrayPixels {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> pixels;  // 0 = black, 255 = white
};

// Each module becomes scale × scale pixels (a linear code's single row is
// stretched to bar_height pixels).
GrayPixels render(const ModuleMatrix& matrix, int scale, int bar_height = 60);

// A white canvas with `symbol` copied at (x, y).
GrayPixels place_on_canvas(const GrayPixels& symbol, int width, int height, int x, int y);

// The image turned 90° clockwise.
GrayPixels turned(const GrayPixels& image);

// Dark for light.
GrayPixels inverted(GrayPixels image);

// How the PNG stores the gray pixels (the reader must bring each back to gray).
enum class PngKind {
  gray8,
  rgb8,
  palette,
  gray16,
  gray_alpha,  // white is stored transparent black: only compositing on white makes it white
};

std::string to_png(const GrayPixels& image, PngKind kind = PngKind::gray8);
std::string to_jpeg(const GrayPixels& image, int quality = 90);

void write_file(const std::filesystem::path& path, std::string_view bytes);
std::string read_file(const std::filesystem::path& path);

}  // namespace tracker::barcode::testing
