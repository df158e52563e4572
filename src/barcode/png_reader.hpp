#pragma once
// Private to tracker::barcode: PNG bytes to 8-bit gray with libpng.
#include <cstdint>
#include <string_view>

#include "gray_image.hpp"

namespace tracker::barcode::detail {

// True when bytes start with the PNG signature.
bool is_png(std::string_view bytes);

// Decodes any PNG (palette, 1-16 bit, gray or colour, with or without alpha,
// interlaced or not) to 8-bit gray; transparent pixels are composed on white.
// Refuses a header over max_pixels before allocating the pixels. Errors:
// image_too_large, corrupt_image (libpng errors are caught with its
// setjmp/longjmp protocol: nothing leaks, nothing aborts).
domain::Result<GrayImage> read_png(std::string_view bytes, std::uint64_t max_pixels);

}  // namespace tracker::barcode::detail
