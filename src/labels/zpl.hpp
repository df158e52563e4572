#pragma once
// ZPL II for Zebra-compatible thermal printers. Barcodes are printer
// commands (^BC Code 128, ^BQ QR, error correction M), so the printer draws
// them on its own dot grid. Text is sent as ^GF graphics rendered by pango:
// the fonts resident in printers vary and most have no Vietnamese glyphs, so
// ^CI28 with a printer font cannot promise correct diacritics; a bitmap can.
#include <string>

#include "layout.hpp"

namespace tracker::labels {

std::string render_zpl(const Layout& layout, const LabelData& data, int dpi);

}  // namespace tracker::labels
