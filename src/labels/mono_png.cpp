#include "mono_png.hpp"

#include <png.h>

#include <cmath>
#include <stdexcept>
#include <vector>

namespace tracker::labels {
namespace {

void append(png_structp png, png_bytep data, png_size_t length) {
  static_cast<std::string*>(png_get_io_ptr(png))->append(reinterpret_cast<const char*>(data), length);
}

[[noreturn]] void fail(png_structp, png_const_charp message) { throw std::runtime_error(message); }
void warn(png_structp, png_const_charp) {}

}  // namespace

std::string mono_png(cairo_surface_t* surface, int dpi) {
  cairo_surface_flush(surface);
  const int width = cairo_image_surface_get_width(surface);
  const int height = cairo_image_surface_get_height(surface);
  const int stride = cairo_image_surface_get_stride(surface);
  const unsigned char* ink = cairo_image_surface_get_data(surface);

  std::string out;
  // Errors throw from the callback (libpng is C but built with unwinding
  // tables on Debian); the structs are freed by the guard either way.
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, fail, warn);
  png_infop info = png ? png_create_info_struct(png) : nullptr;
  struct Guard {
    png_structp* png;
    png_infop* info;
    ~Guard() { png_destroy_write_struct(png, info); }
  } guard{&png, &info};
  if (!png || !info) throw std::runtime_error("libpng: out of memory");
  png_set_write_fn(png, &out, append, nullptr);
  png_set_compression_level(png, 1);  // labels are small either way; level 1 is ~3x faster
  png_set_IHDR(png, info, static_cast<png_uint_32>(width), static_cast<png_uint_32>(height), 1,
               PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
               PNG_FILTER_TYPE_DEFAULT);
  auto per_metre = static_cast<png_uint_32>(std::lround(dpi / 0.0254));
  png_set_pHYs(png, info, per_metre, per_metre, PNG_RESOLUTION_METER);
  png_write_info(png, info);
  std::vector<png_byte> row(static_cast<std::size_t>((width + 7) / 8));
  for (int y = 0; y < height; ++y) {
    const unsigned char* line = ink + static_cast<std::size_t>(y) * stride;
    // Eight pixels a byte without a branch: glyph edges would mispredict.
    int x = 0;
    for (std::size_t b = 0; b < row.size(); ++b) {
      unsigned bits = 0;
      for (int bit = 0; bit < 8; ++bit, ++x) {
        unsigned dark = x < width ? static_cast<unsigned>(line[x] >= 128) : 0u;
        bits = (bits << 1) | dark;
      }
      row[b] = static_cast<png_byte>(~bits);  // 1 = white in a grey PNG
    }
    png_write_row(png, row.data());
  }
  png_write_end(png, nullptr);
  return out;
}

}  // namespace tracker::labels
