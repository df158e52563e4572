// Fuzzes the label layout loader (labels/*.json, or an operator's own
// layout through LabelRenderer::from_json): parse_layout() must refuse
// every layout the service could not print, so that the service refuses
// to start instead. Besides "no crash" it checks that an accepted layout
// has the size limits it promises (20..300 x 20..400 mm), at least one
// element, a Code 128 at least 12.5 mm high, font sizes 4..72 pt, every
// barcode field a real one, every number finite (Boost.JSON 1.81 reads
// "1e999" as infinity and "0e999" as NaN, which pass a check written as
// "v < min || v > max"), and every element's box (or line) inside the page:
// from x to x + w and from y to y + h, whatever the sign of w and h. An
// accepted layout is then drawn as the service would (a 1-bit PNG and ZPL
// at 203 dpi, with Vietnamese text in every field) so the drawing code
// meets the same odd but accepted geometry.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.hpp"
#include "layout.hpp"
#include "tracker/labels/label.hpp"

namespace {

using namespace tracker::labels;

const LabelData& sample_data() {
  static const LabelData d = [] {
    LabelData l;
    l.tracking_number = "EC136431858VN";
    l.tracking_number_grouped = "EC 136 431 858 VN";
    l.kind = tracker::domain::ShipmentKind::result;
    l.track_url = "https://tracuu.example.vn/track/EC136431858VN";
    l.sender = {"UBND phường Bến Thành", "+84 2** *** 678", "86 Lê Thánh Tôn, Quận 1"};
    l.receiver = {"Nguyễn Thị Ánh Tuyết", "+84 9** *** 678", "12/3 Đường Nguyễn Văn Cừ, Phường 4, Quận 5"};
    l.agency = "Sở Tư pháp TP. Hồ Chí Minh";
    l.procedure = "Cấp Phiếu lý lịch tư pháp";
    l.dossier_code = "000.00.19.H12-200101-0001";
    l.due_date = "27/11/2026";
    l.date = "20/11/2026";
    l.office = "Bưu cục Sài Gòn";
    return l;
  }();
  return d;
}

bool inside(double a, double b, double limit) {
  return std::min(a, b) >= 0 && std::max(a, b) <= limit + 1e-9;
}

void check_layout(const Layout& l) {
  const std::string what = "layout " + std::to_string(l.width_mm) + "x" + std::to_string(l.height_mm);
  FUZZ_CHECK(l.width_mm >= 20 && l.width_mm <= 300 && l.height_mm >= 20 && l.height_mm <= 400, what);
  FUZZ_CHECK(!l.elements.empty(), what);
  bool code128 = false;
  for (std::size_t i = 0; i < l.elements.size(); ++i) {
    const Element& e = l.elements[i];
    const std::string where = "element " + std::to_string(i) + " at x=" + std::to_string(e.x) +
                              " y=" + std::to_string(e.y) + " w=" + std::to_string(e.w) +
                              " h=" + std::to_string(e.h) + " x2=" + std::to_string(e.x2) +
                              " y2=" + std::to_string(e.y2);
    for (double v : {e.x, e.y, e.w, e.h, e.x2, e.y2, e.line_width, e.size_pt}) {
      FUZZ_CHECK(std::isfinite(v), where + " size_pt=" + std::to_string(e.size_pt) +
                                       " line_width=" + std::to_string(e.line_width) + ": not finite");
    }
    if (e.type == ElementType::line) {
      FUZZ_CHECK(inside(e.x, e.x2, l.width_mm) && inside(e.y, e.y2, l.height_mm), where + " outside the page");
    } else {
      FUZZ_CHECK(inside(e.x, e.x + e.w, l.width_mm) && inside(e.y, e.y + e.h, l.height_mm),
                 where + " outside the page");
    }
    FUZZ_CHECK(e.size_pt >= 4 && e.size_pt <= 72, where);
    std::string value;
    if (e.type == ElementType::code128 || e.type == ElementType::qr) {
      FUZZ_CHECK(field_value(LabelData{}, e.field, value), e.field);
    }
    if (e.type == ElementType::code128) {
      code128 = true;
      FUZZ_CHECK(e.h >= 12.5, where);
    }
  }
  FUZZ_CHECK(code128, "no code128");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  auto layout = parse_layout("fuzz.json", text);
  if (!layout) {
    FUZZ_CHECK(layout.error().code == "bad_layout", layout.error().code);
    FUZZ_CHECK(layout.error().detail.starts_with("label layout fuzz.json: "), layout.error().detail);
    return 0;
  }
  check_layout(*layout);
  auto renderer = LabelRenderer::from_json("fuzz.json", text);
  FUZZ_CHECK(renderer.has_value(), "from_json refused what parse_layout accepted");
  const std::string png = (*renderer)->render(sample_data(), Format::png, 203);
  FUZZ_CHECK(png.size() > 8 && png.compare(1, 3, "PNG") == 0, "render png");
  const std::string zpl = (*renderer)->render(sample_data(), Format::zpl, 203);
  FUZZ_CHECK(zpl.starts_with("^XA") && zpl.find("^XZ") != std::string::npos, zpl.substr(0, 64));
  return 0;
}
