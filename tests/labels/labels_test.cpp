// Labels rendered for real and read back by independent tools: zbar for the
// barcodes, poppler for the PDF, our own decoder for photos made from them.
#include <cairo.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <sstream>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <regex>

#include "tracker/barcode/decode.hpp"
#include "tracker/domain/tracking_number.hpp"
#include "tracker/labels/label.hpp"

namespace fs = std::filesystem;
using namespace tracker;

namespace {

labels::LabelData sample(domain::ShipmentKind kind = domain::ShipmentKind::dossier) {
  labels::LabelData d;
  d.tracking_number = "EC136431858VN";
  d.tracking_number_grouped = "EC 136 431 858 VN";
  d.kind = kind;
  d.track_url = "https://tracuu.example.vn/track/EC136431858VN";
  d.sender = {"Nguyễn Văn An", "0912 345 678", "Tổ 5, Phường Đức Xuân, Bắc Kạn"};
  d.receiver = {"UBND phường Đức Xuân", "", ""};
  d.agency = "UBND phường Đức Xuân";
  d.procedure = "Đăng ký khai sinh (1.001193)";
  d.dossier_code = "000.00.19.H12-261127-0001";
  d.due_date = "30/11/2026";
  d.date = "27/11/2026";
  d.office = "Bưu điện thành phố Bắc Kạn";
  return d;
}

std::shared_ptr<const labels::LabelRenderer> renderer() {
  auto r = labels::LabelRenderer::load_builtin();
  REQUIRE(r.has_value());
  return *r;
}

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("labels-test-" + std::to_string(std::random_device{}()));
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
  std::string write(const std::string& name, const std::string& bytes) const {
    auto p = (path / name).string();
    std::ofstream(p, std::ios::binary) << bytes;
    return p;
  }
};

// Runs a command and returns its standard output.
std::string run(const std::string& command) {
  std::string out;
  FILE* pipe = popen((command + " 2>/dev/null").c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buf[4096];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
  pclose(pipe);
  return out;
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("a PNG label is read by zbar and by our decoder at 203 and 300 dpi", "[labels][png]") {
  auto dpi = GENERATE(203, 300);
  CAPTURE(dpi);
  TempDir dir;
  auto png = renderer()->render(sample(), labels::Format::png, dpi);
  auto file = dir.write("label.png", png);
  auto zbar = run("zbarimg -q " + file);
  CHECK(contains(zbar, "CODE-128:EC136431858VN"));
  CHECK(contains(zbar, "QR-Code:https://tracuu.example.vn/track/EC136431858VN"));
  auto ours = barcode::decode_image(png);
  REQUIRE(ours.has_value());
  bool found_tn = false;
  for (const auto& b : *ours) found_tn |= b.tracking_number == std::optional<std::string>("EC136431858VN");
  CHECK(found_tn);
  // 100 x 150 mm at the printer's resolution: width and height as the PNG
  // header (IHDR, big-endian at bytes 16..23) says, read here byte by byte.
  REQUIRE(png.size() > 24);
  REQUIRE(png.compare(12, 4, "IHDR") == 0);
  auto be32 = [&](std::size_t at) {
    std::uint32_t v = 0;
    for (std::size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(png[at + i]);
    return v;
  };
  CHECK(be32(16) == (dpi == 203 ? 799u : 1181u));
  CHECK(be32(20) == (dpi == 203 ? 1199u : 1772u));
}

TEST_CASE("a PDF label is 100 x 150 mm, embeds its fonts and keeps every diacritic", "[labels][pdf]") {
  TempDir dir;
  auto file = dir.write("label.pdf", renderer()->render(sample(), labels::Format::pdf, 203));
  auto info = run("pdfinfo " + file);
  // 100 x 150 mm = 283.46 x 425.2 points.
  CHECK(std::regex_search(info, std::regex(R"(Page size:\s+283\.4\d* x 425\.[12]\d* pts)")));
  auto fonts = run("pdffonts " + file);
  // Every font line (after the two header lines) says "yes" for embedded.
  int font_lines = 0;
  std::istringstream lines(fonts);
  std::string line;
  std::getline(lines, line);
  std::getline(lines, line);
  while (std::getline(lines, line)) {
    if (line.empty()) continue;
    ++font_lines;
    CAPTURE(line);
    CHECK(std::regex_search(line, std::regex(R"(\s+yes\s+yes\s+yes\s+)")));
  }
  CHECK(font_lines >= 1);
  auto text = run("pdftotext " + file + " -");
  for (const char* expected : {"HỒ SƠ", "EC 136 431 858 VN", "NGƯỜI NHẬN", "UBND phường Đức Xuân",
                               "Nguyễn Văn An", "Tổ 5, Phường Đức Xuân, Bắc Kạn", "Đăng ký khai sinh",
                               "000.00.19.H12-261127-0001", "30/11/2026"}) {
    CAPTURE(expected);
    CHECK(contains(text, expected));
  }
}

TEST_CASE("a PDF label rasterised at 150, 203 and 300 dpi is read by zbar", "[labels][pdf]") {
  auto dpi = GENERATE(150, 203, 300);
  CAPTURE(dpi);
  TempDir dir;
  auto file = dir.write("label.pdf", renderer()->render(sample(domain::ShipmentKind::result), labels::Format::pdf, 203));
  run("pdftoppm -r " + std::to_string(dpi) + " -gray -png " + file + " " + (dir.path / "page").string());
  auto zbar = run("zbarimg -q " + (dir.path / "page-1.png").string());
  CHECK(contains(zbar, "CODE-128:EC136431858VN"));
  CHECK(contains(zbar, "QR-Code:https://tracuu.example.vn/track/EC136431858VN"));
}

TEST_CASE("a ZPL label carries printer barcodes and well-formed graphics", "[labels][zpl]") {
  auto [dpi, width, length] = GENERATE(table<int, int, int>({{203, 799, 1199}, {300, 1181, 1772}}));
  CAPTURE(dpi);
  auto zpl = renderer()->render(sample(), labels::Format::zpl, dpi);
  CHECK(zpl.rfind("^XA", 0) == 0);
  CHECK(contains(zpl, "^XZ"));
  CHECK(contains(zpl, "^PW" + std::to_string(width)));
  CHECK(contains(zpl, "^LL" + std::to_string(length)));
  CHECK(std::regex_search(zpl, std::regex(R"(\^BY\d+,3\^BCN,\d+,N,N,N,A\^FH\^FDEC136431858VN\^FS)")));
  CHECK(std::regex_search(zpl, std::regex(R"(\^BQN,2,\d+\^FH\^FDMA,https://tracuu\.example\.vn/track/EC136431858VN\^FS)")));
  // Every ^GFA: total bytes = bytes per row x rows, and as many hex digits.
  // (Parsed by hand: std::regex recurses per character and overflows on
  // graphics of many kilobytes.)
  int graphics = 0;
  for (std::size_t at = zpl.find("^GFA,"); at != std::string::npos; at = zpl.find("^GFA,", at + 1)) {
    ++graphics;
    std::istringstream fields(zpl.substr(at + 5, 40));
    unsigned long total = 0, total2 = 0, per_row = 0;
    char comma = 0;
    fields >> total >> comma >> total2 >> comma >> per_row >> comma;
    auto data_start = at + 5 + static_cast<std::size_t>(fields.tellg());
    auto data_end = zpl.find("^FS", data_start);
    REQUIRE(data_end != std::string::npos);
    CHECK(total2 == total);
    CHECK(per_row > 0);
    CHECK(total % per_row == 0);
    CHECK(data_end - data_start == 2 * total);
    CHECK(zpl.find_first_not_of("0123456789ABCDEF", data_start) == data_end);
  }
  CHECK(graphics >= 8);  // the tag and the text blocks
}

TEST_CASE("an A4 sheet holds four labels a page", "[labels][pdf]") {
  TempDir dir;
  std::vector<labels::LabelData> five;
  for (std::uint32_t serial = 1; serial <= 5; ++serial) {
    auto d = sample(domain::ShipmentKind::result);
    auto tn = domain::TrackingNumber::from_serial("EC", serial);
    REQUIRE(tn.has_value());
    d.tracking_number = std::string(tn->str());
    five.push_back(d);
  }
  auto file = dir.write("sheet.pdf", renderer()->render_pdf(five, labels::Sheet::a4, 203));
  auto info = run("pdfinfo " + file);
  CHECK(std::regex_search(info, std::regex(R"(Pages:\s+2\b)")));
  CHECK(std::regex_search(info, std::regex(R"(Page size:\s+595\.2\d* x 841\.8\d* pts)")));
  run("pdftoppm -r 200 -gray -png -f 1 -l 1 " + file + " " + (dir.path / "page").string());
  auto zbar = run("zbarimg -q " + (dir.path / "page-1.png").string());
  for (int i = 0; i < 4; ++i) {
    CAPTURE(five[i].tracking_number);
    CHECK(contains(zbar, "CODE-128:" + five[i].tracking_number));
  }
  CHECK_FALSE(contains(zbar, "CODE-128:" + five[4].tracking_number));  // on page 2
}

namespace {

// A "phone photo" of a label: rotated, sheared for perspective, scaled down
// onto a grey background, optionally blurred and low in contrast.
std::string photo(const std::string& label_png, double degrees, double shear, double contrast, int blur) {
  struct Reader {
    const std::string* bytes;
    std::size_t pos = 0;
  } reader{&label_png};
  auto read = [](void* closure, unsigned char* data, unsigned int length) {
    auto* r = static_cast<Reader*>(closure);
    if (r->pos + length > r->bytes->size()) return CAIRO_STATUS_READ_ERROR;
    std::memcpy(data, r->bytes->data() + r->pos, length);
    r->pos += length;
    return CAIRO_STATUS_SUCCESS;
  };
  cairo_surface_t* label = cairo_image_surface_create_from_png_stream(read, &reader);
  const int w = 1280, h = 1280;
  cairo_surface_t* out = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
  cairo_t* cr = cairo_create(out);
  double grey = 0.5 + 0.5 * (1 - contrast);
  cairo_set_source_rgb(cr, grey * 0.8, grey * 0.8, grey * 0.8);
  cairo_paint(cr);
  cairo_translate(cr, w / 2.0, h / 2.0);
  cairo_rotate(cr, degrees * M_PI / 180);
  cairo_matrix_t sh;
  cairo_matrix_init(&sh, 1, shear, 0, 1, 0, 0);
  cairo_transform(cr, &sh);
  cairo_scale(cr, 0.9, 0.9);
  cairo_translate(cr, -cairo_image_surface_get_width(label) / 2.0, -cairo_image_surface_get_height(label) / 2.0);
  cairo_set_source_surface(cr, label, 0, 0);
  cairo_paint_with_alpha(cr, contrast);
  cairo_destroy(cr);
  cairo_surface_flush(out);
  if (blur > 0) {  // a box blur, a few passes of it
    unsigned char* p = cairo_image_surface_get_data(out);
    int stride = cairo_image_surface_get_stride(out);
    std::vector<unsigned char> copy(p, p + stride * h);
    for (int y = blur; y < h - blur; ++y) {
      for (int x = blur; x < w - blur; ++x) {
        for (int c = 0; c < 3; ++c) {
          int sum = 0;
          for (int dy = -blur; dy <= blur; ++dy) {
            for (int dx = -blur; dx <= blur; ++dx) sum += copy[(y + dy) * stride + (x + dx) * 4 + c];
          }
          p[y * stride + x * 4 + c] = static_cast<unsigned char>(sum / ((2 * blur + 1) * (2 * blur + 1)));
        }
      }
    }
    cairo_surface_mark_dirty(out);
  }
  std::string png;
  cairo_surface_write_to_png_stream(
      out,
      [](void* closure, const unsigned char* data, unsigned int length) {
        static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
        return CAIRO_STATUS_SUCCESS;
      },
      &png);
  cairo_surface_destroy(out);
  cairo_surface_destroy(label);
  return png;
}

}  // namespace

TEST_CASE("photos of a label taken at an angle, blurred or dim still give the tracking number", "[labels][decode]") {
  auto [name, degrees, shear, contrast, blur] = GENERATE(table<const char*, double, double, double, int>({
      {"straight", 0, 0, 1.0, 0},
      {"rotated 90", 90, 0, 1.0, 0},
      {"rotated 17", 17, 0, 1.0, 0},
      {"perspective", 4, 0.12, 1.0, 0},
      {"blurred", 0, 0, 1.0, 1},
      {"low contrast", 0, 0, 0.35, 0},
  }));
  CAPTURE(name);
  static const std::string label = renderer()->render(sample(), labels::Format::png, 203);
  auto found = barcode::decode_image(photo(label, degrees, shear, contrast, blur));
  REQUIRE(found.has_value());
  bool tn = false;
  for (const auto& b : *found) {
    INFO(b.format << ": " << b.text);
    auto found_tn = domain::TrackingNumber::find_in(b.text);
    tn |= found_tn && found_tn->str() == "EC136431858VN";
  }
  std::string seen;
  for (const auto& b : *found) seen += b.format + ":" + b.text + " ";
  CAPTURE(seen);
  CHECK(tn);
}

TEST_CASE("a bad layout is refused with a message naming what is wrong", "[labels][layout]") {
  auto [json, words] = GENERATE(table<std::string, std::string>({
      {"not json", "not a JSON object"},
      {R"({"width_mm": 100, "height_mm": 150, "elements": []})", "non-empty"},
      {R"({"width_mm": 100, "height_mm": 150, "elements": [{"type": "circle"}]})", "unknown type circle"},
      {R"({"width_mm": 100, "height_mm": 150, "elements": [{"type": "code128", "x": 0, "y": 0, "w": 90, "h": 10, "field": "tracking_number"}]})", "12.5 mm"},
      {R"({"width_mm": 100, "height_mm": 150, "elements": [{"type": "code128", "x": 50, "y": 0, "w": 90, "h": 20, "field": "tracking_number"}]})", "outside the page"},
      {R"({"width_mm": 100, "height_mm": 150, "elements": [{"type": "code128", "x": 0, "y": 0, "w": 90, "h": 20, "field": "tracking_number"}, {"type": "text", "x": 0, "y": 30, "w": 50, "h": 5, "text": "{citizen.id_number}"}]})", "unknown field {citizen.id_number}"},
      {R"({"width_mm": 100, "height_mm": 150, "elements": [{"type": "text", "x": 0, "y": 30, "w": 50, "h": 5, "text": "x"}]})", "needs a code128"},
      // Found by fuzz_label_layout: a negative width hid a box outside the page.
      {R"({"width_mm": 100, "height_mm": 150, "elements": [{"type": "text", "x": 3, "y": 17, "w": -94, "h": 20, "text": "x"}]})", "w and h must be positive"},
      {R"({"width_mm": 100, "height_mm": 150, "elements": [{"type": "line", "x1": 5, "y1": 5, "x2": -5, "y2": 5, "width": 0.3}]})", "outside the page"},
      {R"({"width_mm": 100, "height_mm": 150, "elements": [{"type": "line", "x1": 5, "y1": 5, "x2": 9, "y2": 5, "width": 1e999}]})", "needs numbers"},
      {R"({"width_mm": 100, "height_mm": 150, "elements": [{"type": "code128", "x": 0, "y": 0, "w": 90, "h": 20, "field": "tracking_number", "size_pt": 0e999}]})", "size_pt"},
  }));
  auto r = labels::LabelRenderer::from_json("test.json", json);
  REQUIRE_FALSE(r.has_value());
  CAPTURE(r.error().detail);
  CHECK(contains(r.error().detail, "test.json"));
  CHECK(contains(r.error().detail, words));
}
