#pragma once
// 1-bit PNG from an ink coverage (A8) surface: what a thermal printer can
// print, and several times faster to compress than 8-bit or colour.
#include <cairo.h>

#include <string>

namespace tracker::labels {

// Pixels with coverage >= 50 % are black. dpi goes into the pHYs chunk.
std::string mono_png(cairo_surface_t* a8_surface, int dpi);

}  // namespace tracker::labels
