#include "test_images.hpp"

#include <png.h>
#include <turbojpeg.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <memory>
#include <stdexcept>

namespace tracker::barcode::testing {

GrayPixels render(const ModuleMatrix& matrix, int scale, int bar_height) {
  const bool linear = matrix.height == 1;
  GrayPixels image;
  image.width = matrix.width * scale;
  image.height = linear ? bar_height : matrix.height * scale;
  image.pixels.assign(static_cast<std::size_t>(image.width) * image.height, 255);
  for (int y = 0; y < image.height; ++y) {
    const int my = linear ? 0 : y / scale;
    for (int x = 0; x < image.width; ++x) {
      if (matrix.dark(x / scale, my)) image.pixels[static_cast<std::size_t>(y) * image.width + x] = 0;
    }
  }
  return image;
}

GrayPixels place_on_canvas(const GrayPixels& symbol, int width, int height, int x, int y) {
  GrayPixels canvas{width, height, std::vector<std::uint8_t>(static_cast<std::size_t>(width) * height, 255)};
  for (int row = 0; row < symbol.height && y + row < height; ++row) {
    const auto* from = symbol.pixels.data() + static_cast<std::size_t>(row) * symbol.width;
    const int count = std::min(symbol.width, width - x);
    std::copy(from, from + count, canvas.pixels.data() + static_cast<std::size_t>(y + row) * width + x);
  }
  return canvas;
}

GrayPixels turned(const GrayPixels& image) {
  GrayPixels out{image.height, image.width, std::vector<std::uint8_t>(image.pixels.size())};
  for (int y = 0; y < image.height; ++y) {
    for (int x = 0; x < image.width; ++x) {
      // (x, y) goes to column height-1-y, row x.
      out.pixels[static_cast<std::size_t>(x) * out.width + (image.height - 1 - y)] =
          image.pixels[static_cast<std::size_t>(y) * image.width + x];
    }
  }
  return out;
}

GrayPixels inverted(GrayPixels image) {
  for (auto& v : image.pixels) v = static_cast<std::uint8_t>(255 - v);
  return image;
}

namespace {

std::string write_png(png_image& header, const void* buffer, const void* colormap) {
  png_alloc_size_t size = 0;
  if (!png_image_write_to_memory(&header, nullptr, &size, 0, buffer, 0, colormap)) {
    throw std::runtime_error(std::string("png_image_write_to_memory: ") + header.message);
  }
  std::string bytes(size, '\0');
  if (!png_image_write_to_memory(&header, bytes.data(), &size, 0, buffer, 0, colormap)) {
    throw std::runtime_error(std::string("png_image_write_to_memory: ") + header.message);
  }
  bytes.resize(size);
  return bytes;
}

}  // namespace

std::string to_png(const GrayPixels& image, PngKind kind) {
  png_image header{};
  header.version = PNG_IMAGE_VERSION;
  header.width = static_cast<png_uint_32>(image.width);
  header.height = static_cast<png_uint_32>(image.height);
  const std::vector<std::uint8_t>& gray = image.pixels;
  switch (kind) {
    case PngKind::gray8:
      header.format = PNG_FORMAT_GRAY;
      return write_png(header, gray.data(), nullptr);
    case PngKind::rgb8: {
      header.format = PNG_FORMAT_RGB;
      std::vector<std::uint8_t> rgb;
      rgb.reserve(gray.size() * 3);
      for (auto v : gray) rgb.insert(rgb.end(), {v, v, v});
      return write_png(header, rgb.data(), nullptr);
    }
    case PngKind::palette: {
      header.format = PNG_FORMAT_RGB_COLORMAP;
      header.colormap_entries = 256;
      std::vector<std::uint8_t> colormap;
      for (int v = 0; v < 256; ++v) colormap.insert(colormap.end(), 3, static_cast<std::uint8_t>(v));
      return write_png(header, gray.data(), colormap.data());
    }
    case PngKind::gray16: {
      header.format = PNG_FORMAT_LINEAR_Y;
      std::vector<std::uint16_t> wide(gray.size());
      std::transform(gray.begin(), gray.end(), wide.begin(), [](std::uint8_t v) { return std::uint16_t(v * 257); });
      return write_png(header, wide.data(), nullptr);
    }
    case PngKind::gray_alpha: {
      header.format = PNG_FORMAT_GA;
      std::vector<std::uint8_t> ga;
      ga.reserve(gray.size() * 2);
      for (auto v : gray) ga.insert(ga.end(), {0, static_cast<std::uint8_t>(255 - v)});
      return write_png(header, ga.data(), nullptr);
    }
  }
  throw std::logic_error("unknown PngKind");
}

std::string to_jpeg(const GrayPixels& image, int quality) {
  struct Destroy {
    void operator()(void* h) const { tjDestroy(h); }
  };
  std::unique_ptr<void, Destroy> handle(tjInitCompress());
  unsigned char* out = nullptr;
  unsigned long size = 0;
  if (tjCompress2(handle.get(), image.pixels.data(), image.width, image.width, image.height, TJPF_GRAY, &out, &size,
                  TJSAMP_GRAY, quality, 0) != 0) {
    tjFree(out);
    throw std::runtime_error(std::string("tjCompress2: ") + tjGetErrorStr2(handle.get()));
  }
  std::string bytes(reinterpret_cast<const char*>(out), size);
  tjFree(out);
  return bytes;
}

void write_file(const std::filesystem::path& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace tracker::barcode::testing
