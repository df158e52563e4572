// JPEG decoding with libjpeg-turbo's TurboJPEG API: header first (size and
// colour space), then one decompression straight to 8-bit gray.
#include "jpeg_reader.hpp"

#include <turbojpeg.h>

#include <memory>
#include <stdexcept>
#include <string>

namespace tracker::barcode::detail {

namespace {

struct TjDestroy {
  void operator()(void* handle) const { tjDestroy(handle); }
};
using TjHandle = std::unique_ptr<void, TjDestroy>;

// libjpeg's JWRN_JPEG_EOF: the data stops before the end of the image.
// libjpeg pads the rest with gray and only warns; for an upload that is a
// truncated file.
bool is_truncation(const char* message) {
  return std::string_view(message).find("Premature end of JPEG file") != std::string_view::npos;
}

}  // namespace

bool is_jpeg(std::string_view bytes) {
  return bytes.size() >= 3 && static_cast<unsigned char>(bytes[0]) == 0xFF &&
         static_cast<unsigned char>(bytes[1]) == 0xD8 && static_cast<unsigned char>(bytes[2]) == 0xFF;
}

domain::Result<GrayImage> read_jpeg(std::string_view bytes, std::uint64_t max_pixels) {
  TjHandle handle(tjInitDecompress());
  if (!handle) throw std::runtime_error(std::string("tjInitDecompress: ") + tjGetErrorStr2(nullptr));
  const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
  const auto size = static_cast<unsigned long>(bytes.size());

  int width = 0, height = 0, subsampling = 0, colorspace = 0;
  if (tjDecompressHeader3(handle.get(), data, size, &width, &height, &subsampling, &colorspace) != 0) {
    return corrupt_image(std::string("JPEG header is broken: ") + tjGetErrorStr2(handle.get()));
  }
  if (width <= 0 || height <= 0) return corrupt_image("JPEG header has no size");
  if (over_pixel_limit(width, height, max_pixels)) {
    return image_too_large("JPEG of " + size_text(width, height) + " pixels is over the limit of " +
                           std::to_string(max_pixels));
  }
  if (colorspace == TJCS_CMYK || colorspace == TJCS_YCCK) {
    return unsupported_image("CMYK JPEG images are not supported");
  }

  GrayImage image{width, height, {}};
  image.pixels.resize(static_cast<std::size_t>(width) * static_cast<std::size_t>(height));
  // TJFLAG_LIMITSCANS refuses progressive files with absurd scan counts (a CPU bomb).
  if (tjDecompress2(handle.get(), data, size, image.pixels.data(), width, width, height, TJPF_GRAY,
                    TJFLAG_LIMITSCANS) != 0) {
    const char* message = tjGetErrorStr2(handle.get());
    if (tjGetErrorCode(handle.get()) == TJERR_FATAL || is_truncation(message)) {
      return corrupt_image(std::string("JPEG is truncated or corrupt: ") + message);
    }
    // Other warnings (extraneous bytes before a marker, ...) leave whole pixels.
  }
  return image;
}

}  // namespace tracker::barcode::detail
