#include "tracker/tracking/requests.hpp"

namespace tracker::tracking {

std::string canonical_form(const ScanRequest& s) {
  // Fields joined by a separator that cannot appear in them unescaped
  // (JSON strings were decoded, so a raw 0x1f is escaped first).
  auto esc = [](std::string_view v) {
    std::string out;
    for (char c : v) {
      if (c == '\x1f' || c == '\\') out.push_back('\\');
      out.push_back(c);
    }
    return out;
  };
  std::string out;
  auto add = [&](std::string_view v) {
    out += esc(v);
    out.push_back('\x1f');
  };
  add(s.event_id);
  add(s.tracking_number.str());
  add(domain::to_string(s.type));
  add(s.office);
  add(std::to_string(s.occurred_at.time_since_epoch().count()));
  // Optional fields carry a presence mark, so null and "-" differ.
  auto optional = [&](bool present, std::string_view v) { add(present ? "+" + std::string(v) : "0"); };
  optional(s.reason.has_value(), s.reason ? domain::to_string(*s.reason) : "");
  optional(s.recipient.has_value(), s.recipient ? s.recipient->name : "");
  if (s.recipient) {
    add(domain::to_string(s.recipient->relation));
    add(domain::to_string(s.recipient->id_type));
  }
  optional(s.dossier_code.has_value(), s.dossier_code ? s.dossier_code->str() : "");
  optional(s.note.has_value(), s.note ? *s.note : "");
  return out;
}

}  // namespace tracker::tracking
