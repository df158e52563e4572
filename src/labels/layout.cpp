#include "layout.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <cmath>

namespace tracker::labels {
namespace json = boost::json;
using namespace tracker::domain;

namespace {

Error bad_layout(const std::string& name, const std::string& what) {
  return make_error(Errc::invalid, "bad_layout", "label layout " + name + ": " + what);
}

bool number(const json::object& o, const char* key, double& out, bool required = true) {
  auto* v = o.if_contains(key);
  if (!v) return !required;
  if (!v->is_number()) return false;
  out = v->to_number<double>();
  return std::isfinite(out);  // Boost.JSON reads 1e999 as infinity and 0e999 as NaN
}

}  // namespace

bool field_value(const LabelData& d, const std::string& field, std::string& out) {
  const std::pair<const char*, const std::string*> fields[] = {
      {"tracking_number", &d.tracking_number}, {"tracking_number_grouped", &d.tracking_number_grouped},
      {"track_url", &d.track_url},             {"sender.name", &d.sender.name},
      {"sender.phone", &d.sender.phone},       {"sender.address", &d.sender.address},
      {"receiver.name", &d.receiver.name},     {"receiver.phone", &d.receiver.phone},
      {"receiver.address", &d.receiver.address}, {"agency", &d.agency},
      {"procedure", &d.procedure},             {"dossier_code", &d.dossier_code},
      {"due_date", &d.due_date},               {"date", &d.date},
      {"office", &d.office}};
  if (field == "kind") {
    out = std::string(domain::to_string(d.kind));
    return true;
  }
  for (const auto& [name, value] : fields) {
    if (field == name) {
      out = *value;
      return true;
    }
  }
  return false;
}

// A line that is nothing but empty fields is left out (a sender without a
// phone prints no blank line); an empty field beside other words prints "—".
std::string expand(const std::string& text, const LabelData& d) {
  std::string out;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start), expanded;
    bool has_words = false, has_value = false;
    std::size_t i = 0;
    while (i < line.size()) {
      auto open = line.find('{', i);
      auto close = open == std::string::npos ? std::string::npos : line.find('}', open);
      if (close == std::string::npos) {
        has_words |= line.find_first_not_of(" ", i) != std::string::npos;
        expanded.append(line, i, std::string::npos);
        break;
      }
      has_words |= line.substr(i, open - i).find_first_not_of(" ") != std::string::npos;
      expanded.append(line, i, open - i);
      std::string value;
      field_value(d, line.substr(open + 1, close - open - 1), value);
      has_value |= !value.empty();
      expanded += value.empty() ? "—" : value;
      i = close + 1;
    }
    if (has_words || has_value) {
      if (!out.empty()) out += '\n';
      out += expanded;
    }
    start = end + 1;
  }
  return out;
}

Result<Layout> parse_layout(const std::string& name, const std::string& text) {
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  if (ec || !v.is_object()) return bad_layout(name, "not a JSON object (" + ec.message() + ")");
  const auto& o = v.as_object();
  Layout l;
  l.name = name;
  if (!number(o, "width_mm", l.width_mm) || !number(o, "height_mm", l.height_mm) ||
      l.width_mm < 20 || l.width_mm > 300 || l.height_mm < 20 || l.height_mm > 400) {
    return bad_layout(name, "width_mm and height_mm must be numbers (20..300, 20..400)");
  }
  if (auto* f = o.if_contains("font"); f && f->is_string()) l.font = std::string(f->as_string());
  auto* elements = o.if_contains("elements");
  if (!elements || !elements->is_array() || elements->as_array().empty()) {
    return bad_layout(name, "elements must be a non-empty array");
  }
  bool has_code128 = false;
  int index = 0;
  for (const auto& ev : elements->as_array()) {
    std::string where = "element " + std::to_string(index++);
    if (!ev.is_object()) return bad_layout(name, where + " is not an object");
    const auto& e = ev.as_object();
    auto* type = e.if_contains("type");
    if (!type || !type->is_string()) return bad_layout(name, where + " has no type");
    std::string t(type->as_string());
    Element el;
    if (t == "text") el.type = ElementType::text;
    else if (t == "tag") el.type = ElementType::tag;
    else if (t == "line") el.type = ElementType::line;
    else if (t == "code128") el.type = ElementType::code128;
    else if (t == "qr") el.type = ElementType::qr;
    else return bad_layout(name, where + ": unknown type " + t);
    where += " (" + t + ")";
    if (el.type == ElementType::line) {
      if (!number(e, "x1", el.x) || !number(e, "y1", el.y) || !number(e, "x2", el.x2) ||
          !number(e, "y2", el.y2) || !number(e, "width", el.line_width)) {
        return bad_layout(name, where + " needs numbers x1, y1, x2, y2, width");
      }
    } else if (el.type == ElementType::qr) {
      if (!number(e, "x", el.x) || !number(e, "y", el.y) || !number(e, "size", el.w)) {
        return bad_layout(name, where + " needs numbers x, y, size");
      }
      el.h = el.w;
    } else if (!number(e, "x", el.x) || !number(e, "y", el.y) || !number(e, "w", el.w) ||
               !number(e, "h", el.h)) {
      return bad_layout(name, where + " needs numbers x, y, w, h");
    }
    bool is_line = el.type == ElementType::line;
    // A negative width would put "x + w" inside the page while the box is
    // not (found by the fuzzer): boxes have a size, lines a width.
    if (is_line ? !(el.line_width > 0 && el.line_width <= 10) : !(el.w > 0 && el.h > 0)) {
      return bad_layout(name, where + (is_line ? ": width must be above 0 and at most 10 mm" : ": w and h must be positive"));
    }
    double left = is_line ? std::min(el.x, el.x2) : el.x;
    double top = is_line ? std::min(el.y, el.y2) : el.y;
    double right = is_line ? std::max(el.x, el.x2) : el.x + el.w;
    double bottom = is_line ? std::max(el.y, el.y2) : el.y + el.h;
    if (!(left >= 0 && top >= 0 && right <= l.width_mm + 1e-9 && bottom <= l.height_mm + 1e-9)) {
      return bad_layout(name, where + " lies outside the page");
    }
    // NaN ("0e999" in some parsers) fails both comparisons: ask the positive question.
    if (!number(e, "size_pt", el.size_pt, false) || !(el.size_pt >= 4 && el.size_pt <= 72)) {
      return bad_layout(name, where + ": size_pt must be 4..72");
    }
    if (auto* b = e.if_contains("bold"); b && b->is_bool()) el.bold = b->as_bool();
    if (auto* a = e.if_contains("align"); a && a->is_string()) {
      if (a->as_string() == "center") el.align = Align::center;
      else if (a->as_string() == "right") el.align = Align::right;
      else if (a->as_string() != "left") return bad_layout(name, where + ": align is left, center or right");
    }
    if (el.type == ElementType::text) {
      auto* txt = e.if_contains("text");
      if (!txt || !txt->is_string()) return bad_layout(name, where + " needs a text");
      el.text = std::string(txt->as_string());
      // Every placeholder must name a real field.
      std::size_t i = 0;
      while ((i = el.text.find('{', i)) != std::string::npos) {
        auto close = el.text.find('}', i);
        std::string value, field = el.text.substr(i + 1, close == std::string::npos ? 0 : close - i - 1);
        if (close == std::string::npos || !field_value(LabelData{}, field, value)) {
          return bad_layout(name, where + ": unknown field {" + field + "}");
        }
        i = close + 1;
      }
    }
    if (el.type == ElementType::code128 || el.type == ElementType::qr) {
      auto* f = e.if_contains("field");
      std::string value;
      if (!f || !f->is_string() || !field_value(LabelData{}, std::string(f->as_string()), value)) {
        return bad_layout(name, where + " needs a known field");
      }
      el.field = std::string(f->as_string());
      if (el.type == ElementType::code128) {
        has_code128 = true;
        // DOMAIN.md: bars at least 12.5 mm high.
        if (el.h < 12.5) return bad_layout(name, where + ": bars must be at least 12.5 mm high");
      }
    }
    l.elements.push_back(std::move(el));
  }
  if (!has_code128) return bad_layout(name, "a label needs a code128 element");
  return l;
}

}  // namespace tracker::labels
