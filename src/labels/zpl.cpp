#include "zpl.hpp"

#include <cairo.h>

#include <cmath>
#include <string_view>

#include "draw.hpp"
#include "tracker/barcode/encode.hpp"

namespace tracker::labels {
namespace {

int dots(double mm, int dpi) { return static_cast<int>(std::lround(mm * dpi / 25.4)); }

// ^FD data must not contain the command prefixes; ^FH lets us escape them.
std::string field_data(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (c == '^' || c == '~' || c == '_' || c < 0x20) {
      static constexpr char kHex[] = "0123456789ABCDEF";
      out += '_';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

// A text or tag element as a ^GF graphic field at its place.
std::string text_graphic(const Layout& layout, const Element& e, const LabelData& data, int dpi) {
  int x = dots(e.x, dpi), y = dots(e.y, dpi);
  int w = dots(e.w, dpi), h = dots(e.h, dpi);
  int bytes_per_row = (w + 7) / 8;
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_A8, bytes_per_row * 8, h);
  cairo_t* cr = cairo_create(surface);
  cairo_scale(cr, dpi / 25.4, dpi / 25.4);
  cairo_translate(cr, -e.x, -e.y);
  // On an alpha-only surface "white" text would vanish: the tag's box is
  // drawn and its text cut out of it, which is what the printer shows.
  draw_element_text(cr, layout, e, data);
  cairo_destroy(cr);
  cairo_surface_flush(surface);
  const unsigned char* pixels = cairo_image_surface_get_data(surface);
  int stride = cairo_image_surface_get_stride(surface);
  std::string hex;
  hex.reserve(static_cast<std::size_t>(bytes_per_row) * h * 2);
  static constexpr char kHex[] = "0123456789ABCDEF";
  bool any = false;
  for (int row = 0; row < h; ++row) {
    for (int b = 0; b < bytes_per_row; ++b) {
      unsigned char byte = 0;
      for (int bit = 0; bit < 8; ++bit) {
        if (pixels[row * stride + b * 8 + bit] >= 128) byte |= static_cast<unsigned char>(0x80 >> bit);
      }
      any |= byte != 0;
      hex += kHex[byte >> 4];
      hex += kHex[byte & 15];
    }
  }
  cairo_surface_destroy(surface);
  if (!any) return "";
  int total = bytes_per_row * h;
  return "^FO" + std::to_string(x) + "," + std::to_string(y) + "^GFA," + std::to_string(total) + "," +
         std::to_string(total) + "," + std::to_string(bytes_per_row) + "," + hex + "^FS\n";
}

}  // namespace

std::string render_zpl(const Layout& layout, const LabelData& data, int dpi) {
  std::string z = "^XA\n^CI28\n^PW" + std::to_string(dots(layout.width_mm, dpi)) + "\n^LL" +
                  std::to_string(dots(layout.height_mm, dpi)) + "\n^LH0,0\n";
  for (const auto& e : layout.elements) {
    switch (e.type) {
      case ElementType::text:
      case ElementType::tag:
        z += text_graphic(layout, e, data, dpi);
        break;
      case ElementType::line: {
        int x = dots(std::min(e.x, e.x2), dpi), y = dots(std::min(e.y, e.y2), dpi);
        int t = std::max(1, dots(e.line_width, dpi));
        int w = std::max(t, dots(std::abs(e.x2 - e.x), dpi));
        int h = std::max(t, dots(std::abs(e.y2 - e.y), dpi));
        z += "^FO" + std::to_string(x) + "," + std::to_string(y) + "^GB" + std::to_string(w) + "," +
             std::to_string(h) + "," + std::to_string(t) + "^FS\n";
        break;
      }
      case ElementType::code128: {
        std::string value;
        field_value(data, e.field, value);
        auto m = barcode::encode(barcode::Symbology::code128, value);
        if (!m) break;
        int module = module_dots(e.w, m->width, dpi);
        int width = module * (m->width - 2 * m->quiet_zone);
        int x = dots(e.x, dpi) + (dots(e.w, dpi) - width) / 2;
        // ^BC mode A: the printer chooses the subsets (B for letters, C for digit pairs).
        z += "^FO" + std::to_string(x) + "," + std::to_string(dots(e.y, dpi)) + "^BY" +
             std::to_string(module) + ",3^BCN," + std::to_string(dots(e.h, dpi)) + ",N,N,N,A^FH^FD" +
             field_data(value) + "^FS\n";
        break;
      }
      case ElementType::qr: {
        std::string value;
        field_value(data, e.field, value);
        auto m = barcode::encode(barcode::Symbology::qr, value);
        if (!m) break;
        int magnification = std::min(10, module_dots(e.w, m->width, dpi));
        int quiet = magnification * m->quiet_zone;
        // ^FDMA,: error correction M, automatic data mode.
        z += "^FO" + std::to_string(dots(e.x, dpi) + quiet) + "," + std::to_string(dots(e.y, dpi) + quiet) +
             "^BQN,2," + std::to_string(magnification) + "^FH^FDMA," + field_data(value) + "^FS\n";
        break;
      }
    }
  }
  z += "^PQ1\n^XZ\n";
  return z;
}

}  // namespace tracker::labels
