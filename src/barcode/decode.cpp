// Reading with ZXing 1.4, in stages; the first stage that finds anything
// ends the search (issue 3; bench_decode and the photo test measure it).
//   1. What we print, the cheap way: Code 128 on about 256 evenly spaced
//      rows (its bars are dozens of rows tall in any photo that can be
//      read), upright, and turned 90° only when upright found no Code 128;
//      QR and DataMatrix at full resolution.
//   2. What we print, ZXing's thorough way: Code 128 on every row with
//      tryRotate, QR and DataMatrix on the downscaled pyramid as well.
//   3. Every other format ZXing knows.
//   4. QR / DataMatrix with the global-histogram binarizer (unevenly lit
//      photos the local-average binarizer breaks up).
//   5. QR / DataMatrix on the inverted image (light modules on dark).
// tryHarder is always on: without it a Code 128 near the bottom of a 1080p
// photo is missed. Stages 2-5 only cost time when nothing was found.
//
// Linear formats are read one symbol per call, without ZXing's downscaled
// pyramid. Debian's ZXing 1.4 is built with assertions on, and when one
// ReadBarcodes() call meets the same linear symbol twice (found at two
// scales, or two copies of one Code 128 in the picture) Result::operator==
// hits assert(lineCount() == 1) and aborts the whole process: the photo
// corpus's code128-1/4.png does it to ZXingReader, so do a 1080p photo of
// our own label and an image with two equal Code 128s. With
// maxNumberOfSymbols(1) a linear call returns before comparing two results.
// The price: at most one linear symbol per image (every matrix symbol is
// still returned; matrix results compare without reaching the assert).
#include "tracker/barcode/decode.hpp"

#include <ZXing/BarcodeFormat.h>
#include <ZXing/DecodeHints.h>
#include <ZXing/ImageView.h>
#include <ZXing/ReadBarcode.h>

#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

#include "jpeg_reader.hpp"
#include "png_reader.hpp"
#include "tracker/domain/tracking_number.hpp"

namespace tracker::barcode {

namespace {

using ZXing::BarcodeFormat;
using ZXing::Binarizer;

enum class View { upright, turned, inverted };  // turned: 90° clockwise

// One ReadBarcodes() call.
struct Scan {
  int stage;
  ZXing::BarcodeFormats formats;
  View view;
  bool sparse_rows;  // read about 256 rows, evenly spaced (linear formats)
  bool rotate;       // ZXing's tryRotate (linear formats)
  bool downscale;    // ZXing's pyramid (matrix formats only: see the top of this file)
  bool one_symbol;   // stop at the first symbol (linear formats: see the top of this file)
  Binarizer binarizer;
  BarcodeFormat unless_found;  // skipped when this stage already found this format
};

constexpr ZXing::BarcodeFormats kPrintedMatrix = BarcodeFormat::QRCode | BarcodeFormat::DataMatrix;
constexpr ZXing::BarcodeFormats kOtherLinear =
    BarcodeFormat::Codabar | BarcodeFormat::Code39 | BarcodeFormat::Code93 | BarcodeFormat::DataBar |
    BarcodeFormat::DataBarExpanded | BarcodeFormat::EAN8 | BarcodeFormat::EAN13 | BarcodeFormat::ITF |
    BarcodeFormat::UPCA | BarcodeFormat::UPCE;
constexpr ZXing::BarcodeFormats kOtherMatrix =
    BarcodeFormat::Aztec | BarcodeFormat::MaxiCode | BarcodeFormat::PDF417 | BarcodeFormat::MicroQRCode;
constexpr auto kNone = BarcodeFormat::None;
constexpr auto kLocal = Binarizer::LocalAverage;

constexpr Scan kScans[] = {
    // stage, formats, view, sparse_rows, rotate, downscale, one_symbol, binarizer, unless_found
    {1, BarcodeFormat::Code128, View::upright, true, false, false, true, kLocal, kNone},
    {1, BarcodeFormat::Code128, View::turned, true, false, false, true, kLocal, BarcodeFormat::Code128},
    {1, kPrintedMatrix, View::upright, false, false, false, false, kLocal, kNone},
    {2, BarcodeFormat::Code128, View::upright, false, true, false, true, kLocal, kNone},
    {2, kPrintedMatrix, View::upright, false, false, true, false, kLocal, kNone},
    {3, kOtherLinear, View::upright, false, true, false, true, kLocal, kNone},
    {3, kOtherMatrix, View::upright, false, false, true, false, kLocal, kNone},
    {4, kPrintedMatrix, View::upright, false, false, true, false, Binarizer::GlobalHistogram, kNone},
    {5, kPrintedMatrix, View::inverted, false, false, true, false, kLocal, kNone},
};

constexpr int kSparseRows = 256;

// Every k-th row of view, k chosen to keep about kSparseRows rows.
ZXing::ImageView sparse_rows(const ZXing::ImageView& view) {
  const int k = std::max(1, view.height() / kSparseRows);
  return {view.data(0, 0), view.width(), view.height() / k, view.format(), view.rowStride() * k, view.pixStride()};
}

ZXing::Results read(const ZXing::ImageView& view, const Scan& scan) {
  ZXing::DecodeHints hints;
  hints.setFormats(scan.formats)
      .setTryHarder(true)
      .setTryRotate(scan.rotate)
      .setTryDownscale(scan.downscale)
      .setBinarizer(scan.binarizer);
  if (scan.one_symbol) hints.setMaxNumberOfSymbols(1);
  return ZXing::ReadBarcodes(scan.sparse_rows ? sparse_rows(view) : view, hints);
}

// A packed copy of the image, dark for light.
std::vector<std::uint8_t> inverted_copy(const std::uint8_t* pixels, int width, int height, int row_stride) {
  std::vector<std::uint8_t> out(static_cast<std::size_t>(width) * static_cast<std::size_t>(height));
  for (int y = 0; y < height; ++y) {
    const std::uint8_t* row = pixels + static_cast<std::ptrdiff_t>(y) * row_stride;
    std::uint8_t* to = out.data() + static_cast<std::size_t>(y) * width;
    for (int x = 0; x < width; ++x) to[x] = static_cast<std::uint8_t>(255 - row[x]);
  }
  return out;
}

bool contains_format(const ZXing::Results& results, BarcodeFormat format) {
  return std::any_of(results.begin(), results.end(), [&](const auto& r) { return r.format() == format; });
}

DecodedBarcode to_decoded(const ZXing::Result& result) {
  DecodedBarcode decoded{ZXing::ToString(result.format()), result.text(), std::nullopt};
  if (auto tn = domain::TrackingNumber::parse(decoded.text)) decoded.tracking_number = std::string(tn->str());
  return decoded;
}

}  // namespace

std::vector<DecodedBarcode> decode_gray(const std::uint8_t* pixels, int width, int height, int row_stride) {
  if (pixels == nullptr || width <= 0 || height <= 0 || row_stride < width) return {};
  const ZXing::ImageView image(pixels, width, height, ZXing::ImageFormat::Lum, row_stride);
  std::vector<std::uint8_t> inverted;  // made only if stage 5 is reached

  ZXing::Results results;
  int stage = kScans[0].stage;
  for (const Scan& scan : kScans) {
    if (scan.stage != stage) {
      if (!results.empty()) break;
      stage = scan.stage;
    }
    if (scan.unless_found != kNone && contains_format(results, scan.unless_found)) continue;
    ZXing::Results found;
    switch (scan.view) {
      case View::upright:
        found = read(image, scan);
        break;
      case View::turned:
        found = read(image.rotated(90), scan);
        break;
      case View::inverted:
        if (inverted.empty()) inverted = inverted_copy(pixels, width, height, row_stride);
        found = read(ZXing::ImageView(inverted.data(), width, height, ZXing::ImageFormat::Lum), scan);
        break;
    }
    results.insert(results.end(), found.begin(), found.end());
  }

  std::vector<DecodedBarcode> decoded;
  decoded.reserve(results.size());
  for (const auto& result : results) {
    if (result.isValid()) decoded.push_back(to_decoded(result));
  }
  return decoded;
}

domain::Result<std::vector<DecodedBarcode>> decode_image(std::string_view bytes, const DecodeLimits& limits) {
  if (bytes.size() > limits.max_bytes) {
    return detail::image_too_large("image of " + std::to_string(bytes.size()) + " bytes is over the limit of " +
                                   std::to_string(limits.max_bytes));
  }
  domain::Result<detail::GrayImage> image =
      detail::is_png(bytes)    ? detail::read_png(bytes, limits.max_pixels)
      : detail::is_jpeg(bytes) ? detail::read_jpeg(bytes, limits.max_pixels)
                               : domain::Result<detail::GrayImage>(
                                     detail::unsupported_image("the body is neither a PNG nor a JPEG image"));
  if (!image) return image.error();
  return decode_gray(image->pixels.data(), image->width, image->height, image->width);
}

}  // namespace tracker::barcode
