// How many segments a text takes in GSM 03.38 or UCS-2 (the text without
// diacritics for ASCII-only routes is domain::to_ascii).
#include <string>
#include <string_view>

#include "tracker/domain/text.hpp"
#include "tracker/notify/templates.hpp"

namespace tracker::notify {
namespace {

// GSM 03.38: the non-ASCII characters of the default alphabet, and the
// characters reached through the escape to the extension table.
constexpr std::u32string_view kGsmNonAscii =
    U"£¥èéùìòÇØøÅåΔΦΓΛΩΠΨΣΘΞÆæßÉ¤¡ÄÖÑÜ§¿äöñüà";
constexpr std::u32string_view kGsmExtension = U"\f^{}\\[~]|€";

// Septets `cp` takes in GSM 03.38, or 0 when it has none.
int gsm_septets(char32_t cp) {
  if (kGsmExtension.find(cp) != std::u32string_view::npos) return 2;
  if (cp == '\n' || cp == '\r') return 1;
  if (cp >= 0x20 && cp < 0x7F) return cp == '`' ? 0 : 1;
  return kGsmNonAscii.find(cp) != std::u32string_view::npos ? 1 : 0;
}

int segments(std::size_t units, std::size_t single, std::size_t multi) {
  if (units == 0) return 0;
  if (units <= single) return 1;
  return static_cast<int>((units + multi - 1) / multi);
}

}  // namespace

int sms_segments(std::string_view text) {
  std::u32string cps = domain::decode_utf8(text);
  std::size_t septets = 0;
  bool gsm = true;
  for (char32_t cp : cps) {
    int n = gsm_septets(cp);
    if (n == 0) { gsm = false; break; }
    septets += static_cast<std::size_t>(n);
  }
  if (gsm) return segments(septets, 160, 153);
  std::size_t units = 0;
  for (char32_t cp : cps) units += cp > 0xFFFF ? 2 : 1;
  return segments(units, 70, 67);
}

}  // namespace tracker::notify
