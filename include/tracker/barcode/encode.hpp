#pragma once
// Barcodes as module matrices: what a renderer (cairo, ZPL graphics) scales
// by whole numbers of printer dots. The quiet zones the symbology specs
// require are added here, because ZXing's defaults are below spec.
// Pure functions; thread-safe.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "tracker/domain/result.hpp"

namespace tracker::barcode {

enum class Symbology { code128, qr, datamatrix };

// A barcode as modules, quiet zone included: Code 128 has 10 modules left and
// right, QR 4 modules on every side, DataMatrix 1 module on every side.
// Linear codes have height 1 (the renderer stretches bars to their height).
struct ModuleMatrix {
  int width = 0, height = 0;
  int quiet_zone = 0;               // modules of quiet zone on each side, included in width/height
                                    // (left and right; QR/DM also top and bottom)
  std::vector<std::uint8_t> cells;  // row-major, 1 = dark
  bool dark(int x, int y) const { return cells[static_cast<std::size_t>(y) * width + x] != 0; }
};

// Quiet zones, in modules, that encode() adds on each side.
inline constexpr int kCode128QuietZone = 10;
inline constexpr int kQrQuietZone = 4;
inline constexpr int kDataMatrixQuietZone = 1;

// Encodes text (UTF-8). QR: byte mode in UTF-8 (with its ECI), error
// correction M. Code 128 takes ASCII only, 1 to 80 characters. Errors:
// Errc::invalid, code "unencodable" (empty text, invalid UTF-8, a character
// the symbology cannot carry, or too much data).
domain::Result<ModuleMatrix> encode(Symbology symbology, std::string_view text);

}  // namespace tracker::barcode
