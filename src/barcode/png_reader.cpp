// PNG decoding with libpng's own error protocol: libpng reports an error by
// calling our error function, which longjmps back to the setjmp in
// read_pixels(). Everything read_pixels() fills lives in the caller's frame
// (reached through PngJob), and no frame that a longjmp can skip holds an
// object with a destructor, so an error loses nothing and leaks nothing.
#include "png_reader.hpp"

#include <png.h>

#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <new>
#include <string>
#include <vector>

namespace tracker::barcode::detail {

namespace {

constexpr unsigned char kSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

enum class Outcome { ok, too_large, corrupt };

// The state of one read; lives in read_png()'s frame, which a longjmp never skips.
struct PngJob {
  png_structp png = nullptr;
  png_infop info = nullptr;
  const unsigned char* data = nullptr;
  std::size_t size = 0;
  std::size_t pos = 0;
  std::uint64_t max_pixels = 0;
  GrayImage* image = nullptr;
  std::vector<png_bytep>* rows = nullptr;
  png_uint_32 width = 0, height = 0;  // from the header, for messages
  char message[160] = {};             // libpng's error text
};

// libpng's read callback: serves bytes from memory; running out is an error.
void read_from_memory(png_structp png, png_bytep out, png_size_t length) {
  auto* job = static_cast<PngJob*>(png_get_io_ptr(png));
  if (length > job->size - job->pos) png_error(png, "unexpected end of file");
  std::memcpy(out, job->data + job->pos, length);
  job->pos += length;
}

[[noreturn]] void on_error(png_structp png, png_const_charp message) {
  auto* job = static_cast<PngJob*>(png_get_error_ptr(png));
  std::snprintf(job->message, sizeof job->message, "%s", message);
  png_longjmp(png, 1);
}

void on_warning(png_structp, png_const_charp) {}  // warnings (bad ancillary chunks) do not stop us

// Sets up libpng's transformations so that every row comes out as 8-bit
// gray, or 8-bit gray + alpha.
void request_gray8(png_structp png, png_infop info) {
  png_set_expand(png);    // palette -> RGB, gray < 8 bits -> 8 bits, tRNS -> alpha
  png_set_scale_16(png);  // 16 -> 8 bits
  if ((png_get_color_type(png, info) & PNG_COLOR_MASK_COLOR) != 0) {
    // Luminance computed in linear light and encoded back to sRGB, as
    // libpng's simplified API does: it reads one more real photo (issue-258)
    // than weighting the encoded values as ZXing's own RGB conversion does.
    png_set_gamma_fixed(png, PNG_DEFAULT_sRGB, PNG_DEFAULT_sRGB);
    png_set_rgb_to_gray_fixed(png, 1, -1, -1);  // default weights; no error for colour pixels
  }
  png_set_interlace_handling(png);
  png_read_update_info(png, info);
}

// Gray + alpha pairs, in place, to gray composed on white.
void compose_on_white(std::vector<std::uint8_t>& pixels) {
  const std::size_t count = pixels.size() / 2;
  for (std::size_t i = 0; i < count; ++i) {
    const unsigned gray = pixels[2 * i];
    const unsigned alpha = pixels[2 * i + 1];
    pixels[i] = static_cast<std::uint8_t>((gray * alpha + 255u * (255u - alpha) + 127u) / 255u);
  }
  pixels.resize(count);
}

// The only function that calls setjmp: its locals are all trivial and none
// is modified after setjmp and read after a longjmp.
Outcome read_pixels(PngJob* job) {
  if (setjmp(png_jmpbuf(job->png))) return Outcome::corrupt;

  png_read_info(job->png, job->info);
  job->width = png_get_image_width(job->png, job->info);
  job->height = png_get_image_height(job->png, job->info);
  if (over_pixel_limit(job->width, job->height, job->max_pixels)) return Outcome::too_large;

  request_gray8(job->png, job->info);
  const png_byte channels = png_get_channels(job->png, job->info);
  const std::size_t row_bytes = png_get_rowbytes(job->png, job->info);
  if ((channels != 1 && channels != 2) || row_bytes != std::size_t{job->width} * channels) {
    png_error(job->png, "unexpected pixel layout after conversion to gray");
  }

  std::vector<std::uint8_t>& pixels = job->image->pixels;
  pixels.resize(row_bytes * job->height);
  job->rows->resize(job->height);
  for (png_uint_32 y = 0; y < job->height; ++y) (*job->rows)[y] = pixels.data() + y * row_bytes;
  png_read_image(job->png, job->rows->data());

  if (channels == 2) compose_on_white(pixels);
  job->image->width = static_cast<int>(job->width);
  job->image->height = static_cast<int>(job->height);
  return Outcome::ok;
}

// Owns the libpng structures of one read.
class PngReadStruct {
 public:
  explicit PngReadStruct(PngJob& job) : job_(job) {
    job.png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &job, on_error, on_warning);
    if (job.png == nullptr) throw std::bad_alloc();
    job.info = png_create_info_struct(job.png);
    if (job.info == nullptr) {
      png_destroy_read_struct(&job.png, nullptr, nullptr);
      throw std::bad_alloc();
    }
  }
  ~PngReadStruct() { png_destroy_read_struct(&job_.png, &job_.info, nullptr); }
  PngReadStruct(const PngReadStruct&) = delete;
  PngReadStruct& operator=(const PngReadStruct&) = delete;

 private:
  PngJob& job_;
};

}  // namespace

bool is_png(std::string_view bytes) {
  return bytes.size() >= sizeof kSignature &&
         std::memcmp(bytes.data(), kSignature, sizeof kSignature) == 0;
}

domain::Result<GrayImage> read_png(std::string_view bytes, std::uint64_t max_pixels) {
  GrayImage image;
  std::vector<png_bytep> rows;
  PngJob job;
  job.data = reinterpret_cast<const unsigned char*>(bytes.data());
  job.size = bytes.size();
  job.max_pixels = max_pixels;
  job.image = &image;
  job.rows = &rows;

  Outcome outcome;
  {
    PngReadStruct guard(job);
    png_set_read_fn(job.png, &job, read_from_memory);
    // PNG's own maximum (2^31 - 1), not libpng's 10^6 default: our pixel
    // limit is the one that decides, with its own error code.
    png_set_user_limits(job.png, PNG_UINT_31_MAX, PNG_UINT_31_MAX);
    outcome = read_pixels(&job);
  }
  switch (outcome) {
    case Outcome::ok:
      return image;
    case Outcome::too_large:
      return image_too_large("PNG of " + size_text(job.width, job.height) + " pixels is over the limit of " +
                             std::to_string(max_pixels));
    case Outcome::corrupt:
      break;
  }
  return corrupt_image(std::string("PNG is truncated or corrupt: ") + job.message);
}

}  // namespace tracker::barcode::detail
