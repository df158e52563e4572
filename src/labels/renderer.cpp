// LabelRenderer: PDF and PNG through cairo; ZPL in zpl.cpp.
#include <cairo-pdf.h>
#include <cairo.h>

#include <cmath>
#include <stdexcept>

#include "draw.hpp"
#include "layout.hpp"
#include "mono_png.hpp"
#include "zpl.hpp"

namespace tracker::labels {

std::vector<std::pair<std::string_view, std::string_view>> embedded_layouts();  // generated

namespace {

constexpr double kPointsPerMm = 72.0 / 25.4;
constexpr double kA4Width = 210, kA4Height = 297;

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

void check(cairo_status_t status, const char* what) {
  if (status != CAIRO_STATUS_SUCCESS) {
    throw std::runtime_error(std::string(what) + ": " + cairo_status_to_string(status));
  }
}

// A PDF of the given page size in millimetres; draw(cr, page) per page.
template <class Draw>
std::string pdf(double width_mm, double height_mm, int pages, Draw draw) {
  std::string out;
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(
      append, &out, width_mm * kPointsPerMm, height_mm * kPointsPerMm);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "dossier-tracker");
  cairo_t* cr = cairo_create(surface);
  cairo_scale(cr, kPointsPerMm, kPointsPerMm);
  for (int page = 0; page < pages; ++page) {
    draw(cr, page);
    cairo_show_page(cr);
  }
  cairo_status_t status = cairo_status(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  cairo_status_t finish = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  check(status, "PDF drawing");
  check(finish, "PDF output");
  return out;
}

}  // namespace

LabelRenderer::LabelRenderer(std::unique_ptr<Layout> layout) : layout_(std::move(layout)) {}
LabelRenderer::~LabelRenderer() = default;

domain::Result<std::shared_ptr<const LabelRenderer>> LabelRenderer::from_json(const std::string& name,
                                                                              const std::string& json) {
  auto layout = parse_layout(name, json);
  if (!layout) return layout.error();
  return std::make_shared<const LabelRenderer>(std::make_unique<Layout>(std::move(*layout)));
}

domain::Result<std::shared_ptr<const LabelRenderer>> LabelRenderer::load_builtin() {
  for (auto [name, text] : embedded_layouts()) {
    if (name == "a6.json") return from_json(std::string(name), std::string(text));
  }
  return domain::make_error(domain::Errc::invalid, "bad_layout", "label layout a6.json is missing");
}

std::string LabelRenderer::render(const LabelData& data, Format format, int dpi) const {
  const Layout& l = *layout_;
  if (format == Format::zpl) return render_zpl(l, data, dpi);
  if (format == Format::pdf) {
    return pdf(l.width_mm, l.height_mm, 1, [&](cairo_t* cr, int) {
      draw_label(cr, l, data, DrawOptions{dpi, true, true, true});
    });
  }
  // PNG: the same drawing as ink coverage on the printer's dot grid, then
  // 1 bit a pixel (thermal printers are 1-bit).
  int width = static_cast<int>(std::lround(l.width_mm * dpi / 25.4));
  int height = static_cast<int>(std::lround(l.height_mm * dpi / 25.4));
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_A8, width, height);
  cairo_t* cr = cairo_create(surface);
  cairo_scale(cr, dpi / 25.4, dpi / 25.4);
  draw_label(cr, l, data, DrawOptions{dpi, true, true, true});
  cairo_status_t status = cairo_status(cr);
  cairo_destroy(cr);
  std::string out;
  try {
    check(status, "PNG drawing");
    out = mono_png(surface, dpi);
  } catch (...) {
    cairo_surface_destroy(surface);
    throw;
  }
  cairo_surface_destroy(surface);
  return out;
}

std::string LabelRenderer::render_pdf(const std::vector<LabelData>& labels, Sheet sheet, int dpi) const {
  const Layout& l = *layout_;
  if (sheet == Sheet::a6) {
    return pdf(l.width_mm, l.height_mm, static_cast<int>(labels.size()), [&](cairo_t* cr, int page) {
      draw_label(cr, l, labels[page], DrawOptions{dpi, true, true, true});
    });
  }
  // A4: four A6 cells (105 x 148.5 mm), each label scaled to fit and centred.
  const double cell_w = kA4Width / 2, cell_h = kA4Height / 2;
  const double scale = std::min(cell_w / l.width_mm, cell_h / l.height_mm);
  int pages = static_cast<int>((labels.size() + 3) / 4);
  return pdf(kA4Width, kA4Height, pages, [&](cairo_t* cr, int page) {
    for (int i = 0; i < 4; ++i) {
      std::size_t index = static_cast<std::size_t>(page) * 4 + i;
      if (index >= labels.size()) break;
      cairo_save(cr);
      double x = (i % 2) * cell_w + (cell_w - l.width_mm * scale) / 2;
      double y = (i / 2) * cell_h + (cell_h - l.height_mm * scale) / 2;
      cairo_translate(cr, x, y);
      cairo_scale(cr, scale, scale);
      draw_label(cr, l, labels[index], DrawOptions{dpi, true, true, true});
      cairo_restore(cr);
    }
    // Cutting guides between the cells.
    cairo_save(cr);
    cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
    cairo_set_line_width(cr, 0.2);
    double dash = 2;
    cairo_set_dash(cr, &dash, 1, 0);
    cairo_move_to(cr, cell_w, 0);
    cairo_line_to(cr, cell_w, kA4Height);
    cairo_move_to(cr, 0, cell_h);
    cairo_line_to(cr, kA4Width, cell_h);
    cairo_stroke(cr);
    cairo_restore(cr);
  });
}

}  // namespace tracker::labels
