#pragma once
// tracker::barcode — the ZXing adapter: encode() barcodes as module matrices
// with spec quiet zones, decode_image() / decode_gray() to read them back.
#include "tracker/barcode/decode.hpp"  // IWYU pragma: export
#include "tracker/barcode/encode.hpp"  // IWYU pragma: export
