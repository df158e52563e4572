#include "draw.hpp"

#include <pango/pangocairo.h>

#include <cmath>

#include "tracker/barcode/encode.hpp"

namespace tracker::labels {
namespace {

double dots_to_mm(double dots, int dpi) { return dots * 25.4 / dpi; }
// A coordinate moved to the nearest whole dot of the grid.
double snap(double mm, int dpi) { return dots_to_mm(std::round(mm * dpi / 25.4), dpi); }

void show_text(cairo_t* cr, const Layout& layout, const Element& e, const std::string& text,
               bool white) {
  PangoLayout* pl = pango_cairo_create_layout(cr);
  PangoContext* ctx = pango_layout_get_context(pl);
  pango_cairo_context_set_resolution(ctx, 25.4);  // sizes stay in points in a mm space
  pango_context_set_round_glyph_positions(ctx, FALSE);
  pango_layout_context_changed(pl);
  PangoFontDescription* font = pango_font_description_from_string(layout.font.c_str());
  pango_font_description_set_size(font, static_cast<int>(e.size_pt * PANGO_SCALE));
  pango_font_description_set_weight(font, e.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description(pl, font);
  pango_font_description_free(font);
  pango_layout_set_width(pl, static_cast<int>(e.w * PANGO_SCALE));
  pango_layout_set_height(pl, static_cast<int>(e.h * PANGO_SCALE));
  pango_layout_set_wrap(pl, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_ellipsize(pl, PANGO_ELLIPSIZE_END);  // never spill out of its box
  pango_layout_set_alignment(pl, e.align == Align::center  ? PANGO_ALIGN_CENTER
                                 : e.align == Align::right ? PANGO_ALIGN_RIGHT
                                                           : PANGO_ALIGN_LEFT);
  pango_layout_set_text(pl, text.c_str(), static_cast<int>(text.size()));
  double y = e.y;
  if (e.type == ElementType::tag) {  // centred vertically in the black box
    int w = 0, h = 0;
    pango_layout_get_size(pl, &w, &h);
    y = e.y + (e.h - static_cast<double>(h) / PANGO_SCALE) / 2;
  }
  cairo_save(cr);
  if (white) cairo_set_source_rgb(cr, 1, 1, 1); else cairo_set_source_rgb(cr, 0, 0, 0);
  // On an ink-only (alpha) surface, white is the absence of ink: cut it out.
  if (white && cairo_surface_get_content(cairo_get_target(cr)) == CAIRO_CONTENT_ALPHA) {
    cairo_set_operator(cr, CAIRO_OPERATOR_CLEAR);
  }
  cairo_move_to(cr, e.x, y);
  pango_cairo_show_layout(cr, pl);
  cairo_restore(cr);
  g_object_unref(pl);
}

void draw_matrix(cairo_t* cr, const barcode::ModuleMatrix& m, double x, double y, double module_mm,
                 double height_mm) {
  cairo_save(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  for (int row = 0; row < m.height; ++row) {
    int col = 0;
    while (col < m.width) {
      if (!m.dark(col, row)) {
        ++col;
        continue;
      }
      int start = col;
      while (col < m.width && m.dark(col, row)) ++col;
      double h = m.height == 1 ? height_mm : module_mm;
      cairo_rectangle(cr, x + start * module_mm, y + row * module_mm, (col - start) * module_mm, h);
    }
  }
  cairo_fill(cr);
  cairo_restore(cr);
}

void draw_barcode(cairo_t* cr, const Element& e, const LabelData& data, int dpi) {
  std::string value;
  field_value(data, e.field, value);
  auto symbology = e.type == ElementType::qr ? barcode::Symbology::qr : barcode::Symbology::code128;
  auto m = barcode::encode(symbology, value);
  if (!m) return;  // an unencodable value leaves the box empty; the text still shows it
  int dots = module_dots(e.w, m->width, dpi);
  double module = dots_to_mm(dots, dpi);
  double width = module * m->width;
  double x = snap(e.x + (e.w - width) / 2, dpi);
  double y = snap(e.y, dpi);
  double height = e.type == ElementType::qr ? width : snap(e.h, dpi);
  draw_matrix(cr, *m, x, y, module, height);
}

}  // namespace

int module_dots(double box_mm, int modules, int grid_dpi) {
  int dots = static_cast<int>(std::floor(box_mm * grid_dpi / 25.4 / modules));
  return dots < 1 ? 1 : dots;
}

void draw_element_text(cairo_t* cr, const Layout& layout, const Element& e, const LabelData& data) {
  if (e.type == ElementType::tag) {
    cairo_save(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_rectangle(cr, e.x, e.y, e.w, e.h);
    cairo_fill(cr);
    cairo_restore(cr);
    Element centred = e;
    centred.align = Align::center;
    centred.bold = true;
    show_text(cr, layout, centred, data.kind == domain::ShipmentKind::result ? "KẾT QUẢ" : "HỒ SƠ", true);
  } else {
    show_text(cr, layout, e, expand(e.text, data), false);
  }
}

void draw_label(cairo_t* cr, const Layout& layout, const LabelData& data, const DrawOptions& opts) {
  for (const auto& e : layout.elements) {
    switch (e.type) {
      case ElementType::text:
      case ElementType::tag:
        if (opts.text) draw_element_text(cr, layout, e, data);
        break;
      case ElementType::line:
        if (!opts.lines) break;
        cairo_save(cr);
        cairo_set_source_rgb(cr, 0, 0, 0);
        cairo_set_line_width(cr, e.line_width);
        cairo_move_to(cr, e.x, e.y);
        cairo_line_to(cr, e.x2, e.y2);
        cairo_stroke(cr);
        cairo_restore(cr);
        break;
      case ElementType::code128:
      case ElementType::qr:
        if (opts.barcodes) draw_barcode(cr, e, data, opts.grid_dpi);
        break;
    }
  }
}

}  // namespace tracker::labels
