// The rendered images, written as PNG files, read by zbar (zbar-tools): an
// independent reader, so the quiet zones and module sizes are not only
// right for ZXing.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>

#include "test_images.hpp"
#include "tracker/barcode/encode.hpp"

using namespace tracker::barcode;
namespace fs = std::filesystem;

namespace {

// A PNG file in the temp directory, removed when the test ends.
class TempPng {
 public:
  explicit TempPng(std::string_view bytes) {
    static int counter = 0;
    path_ = fs::temp_directory_path() /
            ("barcode_zbar_" + std::to_string(::getpid()) + "_" + std::to_string(++counter) + ".png");
    testing::write_file(path_, bytes);
  }
  ~TempPng() { fs::remove(path_); }
  TempPng(const TempPng&) = delete;
  TempPng& operator=(const TempPng&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

struct ZbarOutput {
  int exit_code = -1;
  std::string text;
};

ZbarOutput zbar_read(const fs::path& png) {
  // stderr dropped: zbarimg chatters about D-Bus there.
  const std::string command = std::string(ZBARIMG_PATH) + " --raw -q '" + png.string() + "' 2>/dev/null";
  FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  ZbarOutput out;
  std::array<char, 4096> buffer{};
  while (std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe)) out.text.append(buffer.data(), n);
  const int status = ::pclose(pipe);
  out.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

}  // namespace

TEST_CASE("zbar reads our Code 128 and QR codes", "[barcode][zbar]") {
  REQUIRE(fs::exists(ZBARIMG_PATH));  // zbar-tools is part of the test set-up
  const auto [symbology, text, scale] = GENERATE(table<Symbology, std::string_view, int>({
      {Symbology::code128, "EC136431858VN", 2},
      {Symbology::code128, "EC136431858VN", 3},
      {Symbology::code128, "RR287043775IN", 2},
      {Symbology::qr, "https://tracuu.example.vn/track/EC136431858VN", 2},
      {Symbology::qr, "https://tracuu.example.vn/track/EC136431858VN", 3},
      {Symbology::qr, "Hồ sơ: Đăng ký khai sinh", 3},
  }));
  CAPTURE(text, scale);
  const auto matrix = encode(symbology, text);
  REQUIRE(matrix.has_value());
  const TempPng file(testing::to_png(testing::render(*matrix, scale)));

  const auto out = zbar_read(file.path());
  CHECK(out.exit_code == 0);
  CHECK(out.text == std::string(text) + "\n");
}
