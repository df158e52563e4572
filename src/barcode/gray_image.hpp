#pragma once
// Private to tracker::barcode: the decoded pixels handed from the image
// readers (png_reader, jpeg_reader) to ZXing, and their error values.
#include <cstdint>
#include <string>
#include <vector>

#include "tracker/domain/result.hpp"

namespace tracker::barcode::detail {

// 8-bit gray, one byte per pixel, rows packed (stride = width).
struct GrayImage {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> pixels;
};

inline domain::Error unsupported_image(std::string detail) {
  return domain::make_error(domain::Errc::invalid, "unsupported_image", std::move(detail));
}

inline domain::Error image_too_large(std::string detail) {
  return domain::make_error(domain::Errc::invalid, "image_too_large", std::move(detail));
}

inline domain::Error corrupt_image(std::string detail) {
  return domain::make_error(domain::Errc::invalid, "corrupt_image", std::move(detail));
}

// The pixel-count check every reader makes on the header, before it
// allocates anything proportional to the image.
inline bool over_pixel_limit(std::uint64_t width, std::uint64_t height, std::uint64_t max_pixels) {
  return width * height > max_pixels;
}

inline std::string size_text(std::uint64_t width, std::uint64_t height) {
  return std::to_string(width) + "x" + std::to_string(height);
}

}  // namespace tracker::barcode::detail
