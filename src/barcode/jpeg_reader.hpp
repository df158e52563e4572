#pragma once
// Private to tracker::barcode: JPEG bytes to 8-bit gray with libjpeg-turbo.
#include <cstdint>
#include <string_view>

#include "gray_image.hpp"

namespace tracker::barcode::detail {

// True when bytes start with a JPEG SOI marker followed by another marker.
bool is_jpeg(std::string_view bytes);

// Reads the header first and refuses it over max_pixels, then decompresses
// straight to gray. Errors: image_too_large, unsupported_image (CMYK),
// corrupt_image (broken or truncated data).
domain::Result<GrayImage> read_jpeg(std::string_view bytes, std::uint64_t max_pixels);

}  // namespace tracker::barcode::detail
