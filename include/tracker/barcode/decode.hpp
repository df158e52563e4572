#pragma once
// Reads barcodes from uploaded photos (PNG or JPEG) and from gray buffers.
// Pure functions; thread-safe; CPU-bound (run them on the worker pool, never
// on an I/O thread): about a millisecond or a few for a 1080p photo.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tracker/domain/result.hpp"

namespace tracker::barcode {

struct DecodedBarcode {
  std::string format;                          // ZXing's name: "Code128", "QRCode", "DataMatrix", ...
  std::string text;                            // UTF-8
  std::optional<std::string> tracking_number;  // set when text is a valid S10 (normalised)
};

struct DecodeLimits {
  std::size_t max_bytes = 8 * 1024 * 1024;
  std::uint64_t max_pixels = 40'000'000;  // checked on the header, before any pixel is decoded
};

// Decodes a PNG or JPEG, recognised by its magic bytes (not by a content
// type), and reads its barcodes as decode_gray() does. Errors, all
// Errc::invalid (422): "unsupported_image" (neither PNG nor JPEG, or a CMYK
// JPEG),
// "image_too_large" (more bytes than max_bytes, or a header whose width ×
// height is over max_pixels: refused before allocating the pixels),
// "corrupt_image" (truncated or broken). No barcode found is an empty
// vector, not an error.
domain::Result<std::vector<DecodedBarcode>> decode_image(std::string_view bytes,
                                                         const DecodeLimits& limits = {});

// Reads the barcodes in an 8-bit grayscale image (row_stride in bytes):
// every matrix symbol (QR, DataMatrix, ...) but at most one linear symbol
// (Code 128, EAN, ...), because Debian's ZXing 1.4 aborts the process when
// it meets two equal linear symbols in one pass (see decode.cpp). Tries the
// formats we print (Code 128, QR, DataMatrix) first and the others only
// when none is found. A non-positive size or a null buffer gives an empty
// vector.
std::vector<DecodedBarcode> decode_gray(const std::uint8_t* pixels, int width, int height,
                                        int row_stride);

}  // namespace tracker::barcode
