// Fuzzes decode_image() (POST /api/v1/barcodes/decode: a phone's photo of a
// label, PNG or JPEG, through libpng / libjpeg-turbo and ZXing). Besides "no
// crash, no leak, no overflow" it checks that bytes that are neither PNG
// nor JPEG are "unsupported_image", that every refusal is one of the three
// documented codes with Errc::invalid, that a header over the pixel limit
// is refused as "image_too_large", and that a decoded barcode's
// tracking_number is set exactly when its text is a valid S10 number.
// The pixel limit is 512 x 512 here (the service allows 40 MP) so that each
// input decodes in milliseconds; the limit check itself is the same code.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.hpp"
#include "tracker/barcode/decode.hpp"
#include "tracker/domain/tracking_number.hpp"

namespace {

bool png_magic(std::string_view b) { return b.size() >= 8 && b.substr(0, 8) == "\x89PNG\r\n\x1a\n"; }
bool jpeg_magic(std::string_view b) { return b.size() >= 3 && b.substr(0, 3) == "\xFF\xD8\xFF"; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using tracker::domain::Errc;
  const auto bytes = tracker::fuzz::as_text(data, size);
  tracker::barcode::DecodeLimits limits;
  limits.max_bytes = 1 << 20;
  limits.max_pixels = 512 * 512;
  auto decoded = tracker::barcode::decode_image(bytes, limits);
  if (!decoded) {
    const auto& e = decoded.error();
    FUZZ_CHECK(e.errc == Errc::invalid, e.code);
    FUZZ_CHECK(e.code == "unsupported_image" || e.code == "image_too_large" || e.code == "corrupt_image",
               e.code);
    if (!png_magic(bytes) && !jpeg_magic(bytes)) FUZZ_CHECK(e.code == "unsupported_image", e.code);
    return 0;
  }
  FUZZ_CHECK(png_magic(bytes) || jpeg_magic(bytes), "decoded neither PNG nor JPEG");
  for (const auto& b : *decoded) {
    FUZZ_CHECK(!b.format.empty(), b.text);
    auto tn = tracker::domain::TrackingNumber::parse(b.text);
    FUZZ_CHECK(tn.has_value() == b.tracking_number.has_value(), b.text);
    if (tn) FUZZ_CHECK(*b.tracking_number == tn->str(), b.text);
  }
  return 0;
}
