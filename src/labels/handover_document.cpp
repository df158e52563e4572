#include "tracker/labels/handover_document.hpp"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <stdexcept>

#include "draw.hpp"
#include "tracker/barcode/encode.hpp"

namespace tracker::labels {
namespace {

constexpr double kPageW = 210, kPageH = 297, kMargin = 15;
constexpr double kRowH = 16;  // mm a line: a 10 mm barcode and its text
constexpr int kGridDpi = 300;

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// Text at (x, y) in a box of width w; returns the height used (mm).
double text(cairo_t* cr, double x, double y, double w, const std::string& s, double size_pt, bool bold,
            PangoAlignment align = PANGO_ALIGN_LEFT) {
  PangoLayout* pl = pango_cairo_create_layout(cr);
  PangoContext* ctx = pango_layout_get_context(pl);
  pango_cairo_context_set_resolution(ctx, 25.4);
  pango_context_set_round_glyph_positions(ctx, FALSE);
  pango_layout_context_changed(pl);
  PangoFontDescription* font = pango_font_description_from_string("DejaVu Sans");
  pango_font_description_set_size(font, static_cast<int>(size_pt * PANGO_SCALE));
  pango_font_description_set_weight(font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description(pl, font);
  pango_font_description_free(font);
  pango_layout_set_width(pl, static_cast<int>(w * PANGO_SCALE));
  pango_layout_set_wrap(pl, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment(pl, align);
  pango_layout_set_text(pl, s.c_str(), static_cast<int>(s.size()));
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, pl);
  int pw = 0, ph = 0;
  pango_layout_get_size(pl, &pw, &ph);
  g_object_unref(pl);
  return static_cast<double>(ph) / PANGO_SCALE;
}

void code128(cairo_t* cr, double x, double y, double w, double h, const std::string& value) {
  auto m = barcode::encode(barcode::Symbology::code128, value);
  if (!m) return;
  double module = module_dots(w, m->width, kGridDpi) * 25.4 / kGridDpi;
  for (int col = 0; col < m->width; ++col) {
    if (m->dark(col, 0)) cairo_rectangle(cr, x + col * module, y, module, h);
  }
  cairo_fill(cr);
}

void line(cairo_t* cr, double x1, double y1, double x2, double y2, double width) {
  cairo_set_line_width(cr, width);
  cairo_move_to(cr, x1, y1);
  cairo_line_to(cr, x2, y2);
  cairo_stroke(cr);
}

}  // namespace

std::string render_handover_pdf(const HandoverDocument& doc) {
  std::string out;
  const double pt = 72.0 / 25.4;
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(append, &out, kPageW * pt, kPageH * pt);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, ("Biên bản giao nhận " + doc.code).c_str());
  cairo_t* cr = cairo_create(surface);
  cairo_scale(cr, pt, pt);
  cairo_set_source_rgb(cr, 0, 0, 0);
  const double width = kPageW - 2 * kMargin;
  bool dossiers = doc.direction == domain::HandoverDirection::dossiers_to_agency;
  int listed = 0, received = 0, missing = 0, unexpected = 0;
  for (const auto& l : doc.lines) {
    listed += l.listed;
    received += l.received == "yes";
    missing += l.listed && l.received == "no";
    unexpected += !l.listed;
  }

  double y = kMargin;
  auto header = [&] {
    y += text(cr, kMargin, y, width, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc", 10, true,
              PANGO_ALIGN_CENTER) + 4;
    y += text(cr, kMargin, y, width, dossiers ? "BIÊN BẢN GIAO NHẬN HỒ SƠ" : "BIÊN BẢN GIAO NHẬN KẾT QUẢ", 15, true,
              PANGO_ALIGN_CENTER);
    y += text(cr, kMargin, y, width,
              (dossiers ? "Handover record of dossiers" : "Handover record of results") + std::string(" · Số / No. ") +
                  doc.code,
              9, false, PANGO_ALIGN_CENTER) + 2;
    if (doc.status == domain::HandoverStatus::voided) {
      y += text(cr, kMargin, y, width, "ĐÃ HỦY / VOIDED: " + doc.void_reason, 11, true, PANGO_ALIGN_CENTER) + 2;
    }
  };
  header();
  code128(cr, kMargin + width / 2 - 35, y, 70, 10, doc.code);
  y += 13;
  y += text(cr, kMargin, y, width,
            "Bên giao / From: " + doc.from_name + " (" + doc.from_code + ")\nBên nhận / To: " + doc.to_name + " (" +
                doc.to_code + ")\nLập lúc / Made at: " + doc.created_at +
                (doc.confirmed_at.empty() ? "" : "\nXác nhận lúc / Confirmed at: " + doc.confirmed_at +
                                                     (doc.received_by.empty() ? "" : " — " + doc.received_by)),
            10, false) + 4;

  auto table_head = [&] {
    text(cr, kMargin, y, 12, "STT", 8, true);
    text(cr, kMargin + 12, y, 80, "Số hiệu / Tracking number", 8, true);
    text(cr, kMargin + 95, y, 45, "Mã hồ sơ / Dossier code", 8, true);
    text(cr, kMargin + 142, y, 38, "Nhận / Received", 8, true);
    y += 5;
    line(cr, kMargin, y, kMargin + width, y, 0.3);
    y += 1.5;
  };
  table_head();
  int n = 0;
  for (const auto& l : doc.lines) {
    if (y + kRowH > kPageH - kMargin - 10) {
      cairo_show_page(cr);
      y = kMargin;
      y += text(cr, kMargin, y, width, doc.code + " (tiếp / continued)", 9, false) + 2;
      table_head();
    }
    ++n;
    text(cr, kMargin, y + 3, 12, std::to_string(n), 9, false);
    code128(cr, kMargin + 12, y, 80, 9, l.tracking_number);
    text(cr, kMargin + 12, y + 9.5, 80, l.tracking_number + (l.listed ? "" : "  (ngoài danh sách / not listed)"), 8,
         false);
    text(cr, kMargin + 95, y + 3, 45, l.dossier_code.empty() ? "—" : l.dossier_code, 8, false);
    std::string got = l.received == "yes" ? "Có / Yes" : l.received == "no" ? "Thiếu / Missing" : "☐";
    text(cr, kMargin + 142, y + 3, 38, got, 9, l.received == "no");
    y += kRowH;
    line(cr, kMargin, y - 1, kMargin + width, y - 1, 0.1);
  }
  if (y + 60 > kPageH - kMargin) {
    cairo_show_page(cr);
    y = kMargin;
  }
  y += 3;
  y += text(cr, kMargin, y, width,
            "Số lượng theo danh sách / Listed: " + std::to_string(listed) +
                (doc.status == domain::HandoverStatus::confirmed ? "   ·   Đã nhận / Received: " + std::to_string(received) +
                                                 "   ·   Thiếu / Missing: " + std::to_string(missing) +
                                                 "   ·   Ngoài danh sách / Unlisted: " + std::to_string(unexpected)
                                           : ""),
            10, true) + 10;
  double half = width / 2;
  text(cr, kMargin, y, half, "BÊN GIAO / HANDED OVER BY\n(Ký, ghi rõ họ tên / Signature and full name)", 9, true,
       PANGO_ALIGN_CENTER);
  text(cr, kMargin + half, y, half, "BÊN NHẬN / RECEIVED BY\n(Ký, ghi rõ họ tên / Signature and full name)", 9, true,
       PANGO_ALIGN_CENTER);
  if (!doc.received_by.empty()) text(cr, kMargin + half, y + 30, half, doc.received_by, 10, false, PANGO_ALIGN_CENTER);
  cairo_show_page(cr);
  cairo_status_t status = cairo_status(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  cairo_status_t finish = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS || finish != CAIRO_STATUS_SUCCESS) {
    throw std::runtime_error(std::string("handover PDF: ") + cairo_status_to_string(status != CAIRO_STATUS_SUCCESS ? status : finish));
  }
  return out;
}

}  // namespace tracker::labels
