#include "tracker/domain/ids.hpp"

namespace tracker::domain {

Result<std::string> parse_uuid(std::string_view text) {
  bool ok = text.size() == 36;
  std::string out(ok ? text : std::string_view{});
  for (std::size_t i = 0; ok && i < out.size(); ++i) {
    char& c = out[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      ok = c == '-';
    } else if (c >= 'A' && c <= 'F') {
      c = static_cast<char>(c - 'A' + 'a');
    } else {
      ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    }
  }
  if (!ok) {
    return field_error("event_id", "invalid_uuid",
                       "expected a UUID: 32 hexadecimal digits as 8-4-4-4-12");
  }
  return out;
}

}  // namespace tracker::domain
