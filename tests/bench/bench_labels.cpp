// Labels per second from tracker::labels::LabelRenderer (issue 3, "Performance")
// against "raw cairo" in the same run: the same content drawn directly below
// (labels/a6.json's texts with pango at the same sizes and places; Code 128 and
// QR, encoded per label by tracker::barcode::encode, as module rectangles) into
// a PDF, an 8-bit RGB24 PNG, and an A8 surface written 1-bit as mono_png.cpp
// does. It skips only the renderer's overheads: one PangoLayout a label, not
// one a text block; fonts described once; no layout interpretation.
// Single-threaded; the cases take turns, one run each a round, so load from
// others on this shared machine falls on all alike. Prints labels/s, p50/p99
// ms a label and PASS/MISS per target (ours >= 80 % of raw cairo; our 1-bit
// PNG >= 3x raw 8-bit). Exits 0 when it ran, whatever the targets.
// Usage: bench_labels [--iterations N=200] [--out DIR] [--only TEXT]
//   --out DIR    writes one output of every case there, to look at;
//   --only TEXT  runs only the cases whose name contains TEXT (for perf).
#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <png.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <iterator>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "tracker/barcode/encode.hpp"
#include "tracker/domain/tracking_number.hpp"
#include "tracker/labels/label.hpp"

using namespace tracker::labels;
namespace barcode = tracker::barcode;
using Clock = std::chrono::steady_clock;

namespace {

constexpr double kWidthMm = 100, kHeightMm = 150;  // labels/a6.json
constexpr double kA4Width = 210, kA4Height = 297;
constexpr double kPointsPerMm = 72.0 / 25.4;

// labels/a6.json, element by element, in its (drawing) order.
enum class Kind { tag, text, line, code128, qr };
struct RawElement {
  Kind kind;
  double x, y, w, h;  // box; line: from (x, y) to (x + w, y + h)
  double size;        // text: points; line: width in mm
  bool bold;
  PangoAlignment align;
  std::string (*text)(const LabelData&);  // text; code128, qr: the value encoded
};
constexpr auto kLeft = PANGO_ALIGN_LEFT, kCenter = PANGO_ALIGN_CENTER, kRight = PANGO_ALIGN_RIGHT;
using D = const LabelData&;
const RawElement kA6[] = {
    {Kind::tag, 3, 3, 36, 11, 17, true, kCenter,
     [](D d) -> std::string { return d.kind == tracker::domain::ShipmentKind::result ? "KẾT QUẢ" : "HỒ SƠ"; }},
    {Kind::text, 42, 3, 55, 5, 8, true, kRight, [](D) -> std::string { return "BƯU CHÍNH CÔNG ÍCH"; }},
    {Kind::text, 42, 7.5, 55, 8.5, 7, false, kRight,
     [](D d) { return d.office + "\nNgày gửi / Date: " + d.date; }},
    {Kind::code128, 3, 17, 94, 20, 0, false, kLeft, [](D d) { return d.tracking_number; }},
    {Kind::text, 3, 38, 94, 8, 18, true, kCenter, [](D d) { return d.tracking_number_grouped; }},
    {Kind::line, 3, 47.5, 94, 0, 0.5, false, kLeft, nullptr},
    {Kind::text, 3, 49, 94, 4, 7, true, kLeft, [](D) -> std::string { return "NGƯỜI NHẬN / TO"; }},
    {Kind::text, 3, 53, 94, 8, 15, true, kLeft, [](D d) { return d.receiver.name; }},
    {Kind::text, 3, 61, 94, 16, 10, false, kLeft,
     [](D d) { return d.receiver.phone + "\n" + d.receiver.address; }},
    {Kind::line, 3, 78.5, 94, 0, 0.3, false, kLeft, nullptr},
    {Kind::text, 3, 80, 94, 4, 7, true, kLeft, [](D) -> std::string { return "NGƯỜI GỬI / FROM"; }},
    {Kind::text, 3, 84, 94, 15, 9, false, kLeft,
     [](D d) { return d.sender.name + "\n" + d.sender.phone + "\n" + d.sender.address; }},
    {Kind::line, 3, 100.5, 94, 0, 0.3, false, kLeft, nullptr},
    {Kind::text, 3, 102, 62, 44, 8, false, kLeft,
     [](D d) {
       return "Cơ quan / Agency: " + d.agency + "\nThủ tục / Procedure: " + d.procedure +
              "\nMã hồ sơ / Dossier: " + d.dossier_code + "\nHạn / Due: " + d.due_date;
     }},
    {Kind::qr, 67, 102, 30, 30, 0, false, kLeft, [](D d) { return d.track_url; }},
    {Kind::text, 64, 133, 36, 9, 6, false, kCenter,
     [](D) -> std::string { return "Tra cứu miễn phí\nFree tracking"; }},
};

double snap(double mm, int dpi) { return std::round(mm * dpi / 25.4) * 25.4 / dpi; }

// Draws one label into cr (user space in millimetres) as the renderer's
// draw_label does, with one PangoLayout for all its text blocks.
class RawCairo {
 public:
  RawCairo() {
    for (const auto& e : kA6) {
      fonts_.emplace_back(pango_font_description_from_string("DejaVu Sans"), pango_font_description_free);
      pango_font_description_set_size(fonts_.back().get(), static_cast<int>(e.size * PANGO_SCALE));
      pango_font_description_set_weight(fonts_.back().get(), e.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    }
  }

  void draw(cairo_t* cr, const LabelData& d, int dpi) const {
    PangoLayout* pl = pango_cairo_create_layout(cr);
    PangoContext* ctx = pango_layout_get_context(pl);
    pango_cairo_context_set_resolution(ctx, 25.4);  // point sizes in a millimetre space
    pango_context_set_round_glyph_positions(ctx, FALSE);
    pango_layout_context_changed(pl);
    pango_layout_set_wrap(pl, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_ellipsize(pl, PANGO_ELLIPSIZE_END);
    const bool alpha = cairo_surface_get_content(cairo_get_target(cr)) == CAIRO_CONTENT_ALPHA;
    cairo_set_source_rgb(cr, 0, 0, 0);
    for (std::size_t i = 0; i < std::size(kA6); ++i) {
      const RawElement& e = kA6[i];
      switch (e.kind) {
        case Kind::tag:
          cairo_rectangle(cr, e.x, e.y, e.w, e.h);
          cairo_fill(cr);
          [[fallthrough]];
        case Kind::text:
          show(cr, pl, e, fonts_[i].get(), e.text(d), e.kind == Kind::tag, alpha);
          break;
        case Kind::line:
          cairo_set_line_width(cr, e.size);
          cairo_move_to(cr, e.x, e.y);
          cairo_line_to(cr, e.x + e.w, e.y + e.h);
          cairo_stroke(cr);
          break;
        case Kind::code128:
        case Kind::qr:
          modules(cr, e, e.text(d), dpi);
          break;
      }
    }
    g_object_unref(pl);
  }

 private:
  static void show(cairo_t* cr, PangoLayout* pl, const RawElement& e, const PangoFontDescription* font,
                   const std::string& text, bool tag, bool alpha) {
    pango_layout_set_font_description(pl, font);
    pango_layout_set_width(pl, static_cast<int>(e.w * PANGO_SCALE));
    pango_layout_set_height(pl, static_cast<int>(e.h * PANGO_SCALE));
    pango_layout_set_alignment(pl, e.align);
    pango_layout_set_text(pl, text.c_str(), static_cast<int>(text.size()));
    double y = e.y;
    if (tag) {  // centred vertically, white (cut out of an alpha surface)
      int w = 0, h = 0;
      pango_layout_get_size(pl, &w, &h);
      y = e.y + (e.h - static_cast<double>(h) / PANGO_SCALE) / 2;
      cairo_save(cr);
      cairo_set_source_rgb(cr, 1, 1, 1);
      if (alpha) cairo_set_operator(cr, CAIRO_OPERATOR_CLEAR);
    }
    cairo_move_to(cr, e.x, y);
    pango_cairo_show_layout(cr, pl);
    if (tag) cairo_restore(cr);
  }

  // Modules snapped to whole dots of the printer grid; dark runs as rectangles.
  static void modules(cairo_t* cr, const RawElement& e, const std::string& value, int dpi) {
    auto m = barcode::encode(e.kind == Kind::qr ? barcode::Symbology::qr : barcode::Symbology::code128, value);
    if (!m) throw std::runtime_error("cannot encode " + value);
    const int dots = std::max(1, static_cast<int>(std::floor(e.w * dpi / 25.4 / m->width)));
    const double module = dots * 25.4 / dpi;
    const double x = snap(e.x + (e.w - module * m->width) / 2, dpi), y = snap(e.y, dpi);
    const double bar_height = m->height == 1 ? snap(e.h, dpi) : module;
    for (int row = 0; row < m->height; ++row) {
      for (int col = 0, start = 0; col < m->width; ++col) {
        if (!m->dark(col, row)) start = col + 1;
        else if (col + 1 == m->width || !m->dark(col + 1, row))
          cairo_rectangle(cr, x + start * module, y + row * module, (col + 1 - start) * module, bar_height);
      }
    }
    cairo_fill(cr);
  }

  std::vector<std::unique_ptr<PangoFontDescription, void (*)(PangoFontDescription*)>> fonts_;
};

cairo_status_t append(void* out, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(out)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// One page: a label (a6), or up to four in the renderer's A4 cells, with
// its cutting guides.
std::string raw_pdf(const RawCairo& raw, const std::vector<LabelData>& labels, Sheet sheet, int dpi) {
  std::string out;
  const bool a4 = sheet == Sheet::a4;
  cairo_surface_t* s = cairo_pdf_surface_create_for_stream(
      append, &out, (a4 ? kA4Width : kWidthMm) * kPointsPerMm, (a4 ? kA4Height : kHeightMm) * kPointsPerMm);
  cairo_t* cr = cairo_create(s);
  cairo_scale(cr, kPointsPerMm, kPointsPerMm);
  if (!a4) raw.draw(cr, labels.at(0), dpi);
  const double cell_w = kA4Width / 2, cell_h = kA4Height / 2;
  const double scale = std::min(cell_w / kWidthMm, cell_h / kHeightMm);
  for (std::size_t i = 0; a4 && i < std::min<std::size_t>(4, labels.size()); ++i) {
    cairo_save(cr);
    cairo_translate(cr, (i % 2) * cell_w + (cell_w - kWidthMm * scale) / 2,
                    (i / 2) * cell_h + (cell_h - kHeightMm * scale) / 2);
    cairo_scale(cr, scale, scale);
    raw.draw(cr, labels[i], dpi);
    cairo_restore(cr);
  }
  if (a4) {
    cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
    cairo_set_line_width(cr, 0.2);
    const double dash = 2;
    cairo_set_dash(cr, &dash, 1, 0);
    cairo_move_to(cr, cell_w, 0);
    cairo_line_to(cr, cell_w, kA4Height);
    cairo_move_to(cr, 0, cell_h);
    cairo_line_to(cr, kA4Width, cell_h);
    cairo_stroke(cr);
  }
  cairo_show_page(cr);
  cairo_destroy(cr);
  cairo_surface_finish(s);
  if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) throw std::runtime_error("raw PDF failed");
  cairo_surface_destroy(s);
  return out;
}

// Black where coverage >= 50 %, with src/labels/mono_png.cpp's libpng settings.
std::string one_bit_png(cairo_surface_t* a8, int dpi) {
  cairo_surface_flush(a8);
  const int width = cairo_image_surface_get_width(a8), height = cairo_image_surface_get_height(a8);
  const int stride = cairo_image_surface_get_stride(a8);
  const unsigned char* ink = cairo_image_surface_get_data(a8);
  std::string out;
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, [](png_structp, png_const_charp m) {
    throw std::runtime_error(m);
  }, nullptr);
  png_infop info = png_create_info_struct(png);
  png_set_write_fn(png, &out, [](png_structp p, png_bytep data, png_size_t length) {
    static_cast<std::string*>(png_get_io_ptr(p))->append(reinterpret_cast<const char*>(data), length);
  }, nullptr);
  png_set_compression_level(png, 1);  // labels are small either way; level 1 is ~3x faster
  png_set_IHDR(png, info, width, height, 1, PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE,
               PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  const auto per_metre = static_cast<png_uint_32>(std::lround(dpi / 0.0254));
  png_set_pHYs(png, info, per_metre, per_metre, PNG_RESOLUTION_METER);
  png_write_info(png, info);
  std::vector<png_byte> row(static_cast<std::size_t>((width + 7) / 8));
  for (int y = 0; y < height; ++y) {
    const unsigned char* line = ink + static_cast<std::size_t>(y) * stride;
    // Eight pixels a byte without a branch: glyph edges would mispredict.
    int x = 0;
    for (std::size_t b = 0; b < row.size(); ++b) {
      unsigned bits = 0;
      for (int bit = 0; bit < 8; ++bit, ++x) {
        unsigned dark = x < width ? static_cast<unsigned>(line[x] >= 128) : 0u;
        bits = (bits << 1) | dark;
      }
      row[b] = static_cast<png_byte>(~bits);  // 1 = white in a grey PNG
    }
    png_write_row(png, row.data());
  }
  png_write_end(png, nullptr);
  png_destroy_write_struct(&png, &info);
  return out;
}

// A PNG at dpi: RGB24 written 8-bit by cairo, or A8 written 1-bit.
std::string raw_png(const RawCairo& raw, const LabelData& d, int dpi, bool one_bit) {
  const int w = static_cast<int>(std::lround(kWidthMm * dpi / 25.4));
  const int h = static_cast<int>(std::lround(kHeightMm * dpi / 25.4));
  cairo_surface_t* s = cairo_image_surface_create(one_bit ? CAIRO_FORMAT_A8 : CAIRO_FORMAT_RGB24, w, h);
  cairo_t* cr = cairo_create(s);
  if (!one_bit) {
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
  }
  cairo_scale(cr, dpi / 25.4, dpi / 25.4);
  raw.draw(cr, d, dpi);
  cairo_destroy(cr);
  std::string out;
  if (one_bit) out = one_bit_png(s, dpi);
  else cairo_surface_write_to_png_stream(s, append, &out);
  cairo_surface_destroy(s);
  return out;
}

// A full label (every line present, a long address that wraps).
LabelData sample(std::uint32_t serial) {
  auto tn = tracker::domain::TrackingNumber::from_serial("EC", serial);
  if (!tn) throw std::runtime_error("bad serial");
  LabelData d;
  d.tracking_number = std::string(tn->str());
  d.tracking_number_grouped = tn->grouped();
  d.kind = serial % 2 ? tracker::domain::ShipmentKind::dossier : tracker::domain::ShipmentKind::result;
  d.track_url = "https://tracuu.example.vn/track/" + d.tracking_number;
  d.sender = {"Nguyễn Văn An", "0912 345 678", "Tổ 5, Phường Đức Xuân, Thành phố Bắc Kạn, Tỉnh Bắc Kạn"};
  d.receiver = {"UBND phường Đức Xuân", "0209 3870 123", "Số 1 Trường Chinh, Phường Đức Xuân, Thành phố Bắc Kạn"};
  d.agency = "UBND phường Đức Xuân";
  d.procedure = "Đăng ký khai sinh (1.001193)";
  d.dossier_code = "000.00.19.H12-261127-" + std::to_string(1000 + serial % 9000);
  d.due_date = "30/11/2026";
  d.date = "27/11/2026";
  d.office = "Bưu điện thành phố Bắc Kạn";
  return d;
}

struct Stats {
  double per_s = 0, p50 = 0, p99 = 0;  // labels a second; ms a label
};

// ms: one duration per run of `labels` labels.
Stats stats(std::vector<double> ms, int labels) {
  std::sort(ms.begin(), ms.end());
  double total = 0;
  for (double m : ms) total += m;
  const auto at = [&](double q) { return ms[std::min(ms.size() - 1, static_cast<std::size_t>(q * ms.size()))]; };
  return {labels * ms.size() * 1000.0 / total, at(0.50) / labels, at(0.99) / labels};
}

struct Case {
  const char* name;
  const char* file;                              // for --out
  int labels;                                    // labels a run
  std::function<std::string(std::size_t)> run;  // run i: the output
  std::vector<double> ms = {};
  std::size_t bytes = 0;
  Stats s = {};
};

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  int iterations = 200;
  std::string out_dir, only;
  for (int i = 1; i < argc; ++i) {
    const bool has_value = i + 1 < argc;
    if (!std::strcmp(argv[i], "--iterations") && has_value) iterations = std::max(1, std::atoi(argv[++i]));
    else if (!std::strcmp(argv[i], "--out") && has_value) out_dir = argv[++i];
    else if (!std::strcmp(argv[i], "--only") && has_value) only = argv[++i];
    else {
      std::fprintf(stderr, "usage: %s [--iterations N=200] [--out DIR] [--only TEXT]\n", argv[0]);
      return 2;
    }
  }

  auto renderer = LabelRenderer::load_builtin();
  if (!renderer) {
    std::fprintf(stderr, "bench_labels: %s\n", renderer.error().detail.c_str());
    return 1;
  }
  const LabelRenderer& ours = **renderer;
  std::vector<double> parse_ms;  // parsing and validating the layout: once at start in the service
  for (int i = 0; i < iterations; ++i) {
    const auto start = Clock::now();
    if (!LabelRenderer::load_builtin()) return 1;
    parse_ms.push_back(ms_since(start));
  }
  const RawCairo raw;

  std::vector<LabelData> data;  // 16 labels in turn; a sheet is 4 of them
  for (std::uint32_t serial = 13643185; data.size() < 16; ++serial) data.push_back(sample(serial));
  const auto label = [&](std::size_t i) -> const LabelData& { return data[i % data.size()]; };
  const auto sheet = [&](std::size_t i) {
    return std::vector<LabelData>{label(4 * i), label(4 * i + 1), label(4 * i + 2), label(4 * i + 3)};
  };
  using I = std::size_t;
  std::vector<Case> cases = {  // the summary at the end refers to them by index
      {"ours PDF single label", "ours.pdf", 1, [&](I i) { return ours.render(label(i), Format::pdf, 203); }},
      {"ours PDF A4 sheet of 4", "ours_a4.pdf", 4,
       [&](I i) { return ours.render_pdf(sheet(i), Sheet::a4, 203); }},
      {"ours PNG 203 dpi 1-bit", "ours_203.png", 1, [&](I i) { return ours.render(label(i), Format::png, 203); }},
      {"ours PNG 300 dpi 1-bit", "ours_300.png", 1, [&](I i) { return ours.render(label(i), Format::png, 300); }},
      {"ours ZPL 203 dpi", "ours_203.zpl", 1, [&](I i) { return ours.render(label(i), Format::zpl, 203); }},
      {"raw cairo PDF single label", "raw.pdf", 1, [&](I i) { return raw_pdf(raw, {label(i)}, Sheet::a6, 203); }},
      {"raw cairo PDF A4 sheet of 4", "raw_a4.pdf", 4, [&](I i) { return raw_pdf(raw, sheet(i), Sheet::a4, 203); }},
      {"raw cairo PNG 203 dpi 8-bit RGB", "raw_203_rgb.png", 1,
       [&](I i) { return raw_png(raw, label(i), 203, false); }},
      {"raw cairo PNG 203 dpi 1-bit", "raw_203.png", 1, [&](I i) { return raw_png(raw, label(i), 203, true); }},
      {"raw cairo PNG 300 dpi 1-bit", "raw_300.png", 1, [&](I i) { return raw_png(raw, label(i), 300, true); }},
      {"barcode::encode Code 128 + QR", nullptr, 1, [&](I i) {  // part of every case above
         auto c = barcode::encode(barcode::Symbology::code128, label(i).tracking_number);
         auto q = barcode::encode(barcode::Symbology::qr, label(i).track_url);
         return std::string(c && q ? c->cells.size() + q->cells.size() : 0, 'x');
       }}};
  const auto chosen = [&](const Case& c) { return std::string(c.name).find(only) != std::string::npos; };

  // A warm-up run each (fonts, caches), which --out writes; then the rounds.
  for (auto& c : cases) {
    if (!chosen(c)) continue;
    const std::string out = c.run(0);
    c.bytes = out.size();
    if (!out_dir.empty() && c.file) std::ofstream(out_dir + "/" + c.file, std::ios::binary) << out;
  }
  for (int round = 0; round < iterations; ++round) {
    for (auto& c : cases) {
      if (!chosen(c)) continue;
      const auto start = Clock::now();
      const std::string out = c.run(static_cast<std::size_t>(round));
      c.ms.push_back(ms_since(start));
      if (out.empty()) throw std::runtime_error(std::string(c.name) + " produced nothing");
    }
  }
  // The ceiling must draw what we draw: with the same pixels and writer, the same bytes.
  const auto same = [&](int dpi) {
    return ours.render(label(0), Format::png, dpi) == raw_png(raw, label(0), dpi, true) ? "yes" : "NO";
  };

  double load[3] = {0, 0, 0};
  if (getloadavg(load, 3) != 3) load[0] = -1;
  std::printf("bench_labels: %d iterations a case, single-threaded, round-robin; cairo %s, pango %s; "
              "%ld cores, load %.2f %.2f %.2f\n",
              iterations, cairo_version_string(), pango_version_string(), sysconf(_SC_NPROCESSORS_ONLN),
              load[0], load[1], load[2]);
  const Stats parse = stats(parse_ms, 1);
  std::printf("layout JSON parse + validation (LabelRenderer::load_builtin, once at start): "
              "p50 %.3f ms  p99 %.3f ms\n", parse.p50, parse.p99);
  std::printf("raw cairo 1-bit PNG byte-identical to ours: 203 dpi %s, 300 dpi %s\n\n", same(203),
              same(300));
  std::printf("%-34s %10s %10s %10s %10s\n", "case", "labels/s", "p50 ms", "p99 ms", "bytes");
  for (auto& c : cases) {
    if (!chosen(c)) continue;
    c.s = stats(c.ms, c.labels);
    std::printf("%-34s %10.1f %10.2f %10.2f %10zu%s\n", c.name, c.s.per_s, c.s.p50, c.s.p99, c.bytes,
                c.labels > 1 ? "  (a label; bytes a sheet)" : "");
  }

  std::printf("\n== summary\n");
  // minimum: of ours / ceiling in labels/s; a and b index `cases` as listed above.
  const auto target = [&](const char* what, std::size_t a, std::size_t b, double minimum) {
    if (cases[a].ms.empty() || cases[b].ms.empty()) return;  // left out by --only
    const double ours_per_s = cases[a].s.per_s, ceiling = cases[b].s.per_s, ratio = ours_per_s / ceiling;
    std::printf("%-4s  %-38s %7.1f / %7.1f labels/s = ", ratio >= minimum ? "PASS" : "MISS", what, ours_per_s,
                ceiling);
    if (minimum < 1) std::printf("%4.0f %%   (target >= %.0f %%)\n", ratio * 100, minimum * 100);
    else std::printf("%5.2fx   (target >= %.0fx)\n", ratio, minimum);
  };
  target("PDF single label, ours / raw cairo", 0, 5, 0.8);
  target("PDF A4 sheet, ours / raw cairo", 1, 6, 0.8);
  target("PNG 203 dpi 1-bit, ours / raw cairo", 2, 8, 0.8);
  target("PNG 300 dpi 1-bit, ours / raw cairo", 3, 9, 0.8);
  target("PNG 203 dpi, our 1-bit / raw 8-bit", 2, 7, 3.0);
  if (!cases[4].ms.empty()) std::printf("      ZPL 203 dpi: %.1f labels/s (no ceiling)\n", cases[4].s.per_s);
  return 0;
}
