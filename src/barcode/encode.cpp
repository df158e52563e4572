// Encoding with ZXing 1.4's MultiFormatWriter at one pixel per module and no
// margin (its default quiet zones are below spec); the spec quiet zones are
// added here.
#include "tracker/barcode/encode.hpp"

#include <ZXing/BitMatrix.h>
#include <ZXing/CharacterSet.h>
#include <ZXing/MultiFormatWriter.h>

#include <exception>
#include <new>
#include <stdexcept>
#include <string>

namespace tracker::barcode {

namespace {

constexpr int kQrEccLevelM = 4;  // MultiFormatWriter's 0-8 scale: 4 is M

domain::Error unencodable(std::string detail) {
  return domain::make_error(domain::Errc::invalid, "unencodable", std::move(detail));
}

// Strict UTF-8: no overlong forms, no surrogates, nothing past U+10FFFF.
bool is_valid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    int extra = 0;
    unsigned min = 0;
    unsigned code = 0;
    if (lead < 0x80) { ++i; continue; }
    if (lead >= 0xC2 && lead <= 0xDF) { extra = 1; min = 0x80; code = lead & 0x1Fu; }
    else if (lead >= 0xE0 && lead <= 0xEF) { extra = 2; min = 0x800; code = lead & 0x0Fu; }
    else if (lead >= 0xF0 && lead <= 0xF4) { extra = 3; min = 0x10000; code = lead & 0x07u; }
    else return false;
    if (text.size() - i <= static_cast<std::size_t>(extra)) return false;
    for (int k = 1; k <= extra; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0u) != 0x80u) return false;
      code = (code << 6) | (next & 0x3Fu);
    }
    if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return false;
    i += static_cast<std::size_t>(extra) + 1;
  }
  return true;
}

struct SymbologyTraits {
  ZXing::BarcodeFormat format;
  int quiet_zone;
  bool linear;
  const char* name;
};

SymbologyTraits traits_of(Symbology symbology) {
  switch (symbology) {
    case Symbology::code128:
      return {ZXing::BarcodeFormat::Code128, kCode128QuietZone, true, "Code 128"};
    case Symbology::qr:
      return {ZXing::BarcodeFormat::QRCode, kQrQuietZone, false, "QR"};
    case Symbology::datamatrix:
      return {ZXing::BarcodeFormat::DataMatrix, kDataMatrixQuietZone, false, "DataMatrix"};
  }
  throw std::logic_error("unknown Symbology");
}

// Copies ZXing's one-pixel-per-module symbol inside a quiet zone. A linear
// symbol keeps one row.
ModuleMatrix with_quiet_zone(const ZXing::BitMatrix& bits, const SymbologyTraits& traits) {
  const int q = traits.quiet_zone;
  const int rows = traits.linear ? 1 : bits.height();
  const int border = traits.linear ? 0 : q;
  ModuleMatrix m;
  m.quiet_zone = q;
  m.width = bits.width() + 2 * q;
  m.height = rows + 2 * border;
  m.cells.assign(static_cast<std::size_t>(m.width) * static_cast<std::size_t>(m.height), 0);
  for (int y = 0; y < rows; ++y) {
    for (int x = 0; x < bits.width(); ++x) {
      if (bits.get(x, y)) m.cells[static_cast<std::size_t>(y + border) * m.width + (x + q)] = 1;
    }
  }
  return m;
}

}  // namespace

domain::Result<ModuleMatrix> encode(Symbology symbology, std::string_view text) {
  const SymbologyTraits traits = traits_of(symbology);
  if (text.empty()) return unencodable(std::string(traits.name) + ": the text is empty");
  if (!is_valid_utf8(text)) return unencodable(std::string(traits.name) + ": the text is not valid UTF-8");

  ZXing::BitMatrix bits;
  try {
    ZXing::MultiFormatWriter writer(traits.format);
    writer.setMargin(0);
    if (symbology == Symbology::qr) writer.setEccLevel(kQrEccLevelM).setEncoding(ZXing::CharacterSet::UTF8);
    bits = writer.encode(std::string(text), 0, 0);
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception& e) {
    // ZXing reports content it cannot carry (bad character, too long) by throwing.
    return unencodable(std::string(traits.name) + ": " + e.what());
  }
  if (bits.width() <= 0 || bits.height() <= 0) return unencodable(std::string(traits.name) + ": nothing encoded");
  return with_quiet_zone(bits, traits);
}

}  // namespace tracker::barcode
