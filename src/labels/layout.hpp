#pragma once
// A label layout: elements placed in millimetres on a page. Loaded from
// JSON and validated once; immutable afterwards.
#include <string>
#include <vector>

#include "tracker/domain/result.hpp"
#include "tracker/labels/label.hpp"

namespace tracker::labels {

enum class ElementType { text, tag, line, code128, qr };
enum class Align { left, center, right };

struct Element {
  ElementType type = ElementType::text;
  double x = 0, y = 0, w = 0, h = 0;      // box (qr: w = h = size)
  double x2 = 0, y2 = 0, line_width = 0;  // line: from (x, y) to (x2, y2)
  double size_pt = 10;
  bool bold = false;
  Align align = Align::left;
  std::string text;   // template with {field} placeholders (text)
  std::string field;  // data field (code128, qr)
};

struct Layout {
  std::string name;
  double width_mm = 100;
  double height_mm = 150;
  std::string font = "DejaVu Sans";
  std::vector<Element> elements;
};

domain::Result<Layout> parse_layout(const std::string& name, const std::string& json);

// The value of a field ("receiver.name", "tracking_number", ...); false
// when the layout names a field that does not exist.
bool field_value(const LabelData& d, const std::string& field, std::string& out);
// A text template with every {field} replaced.
std::string expand(const std::string& text, const LabelData& d);

}  // namespace tracker::labels
