#pragma once
// A citizen's postal address as given on the slip: a line (house, street,
// hamlet) and the administrative units. Since 1 July 2025 an address has two
// tiers, `<line>, <commune>, <province>`, and names its units by code
// (commune_code, province_code; the names are filled from the codes). The
// three-level free text of older documents (commune, district, province) is
// kept as the citizen wrote it. Each part is optional; absent parts are left
// out of the one-line form.
#include <optional>
#include <string>

namespace tracker::domain {

struct Address {
  std::optional<std::string> line;
  std::optional<std::string> commune;   // a name: the unit's (two-tier) or as written
  std::optional<std::string> district;  // only in the pre-2025 form
  std::optional<std::string> province;
  std::optional<std::string> commune_code;   // "01840"
  std::optional<std::string> province_code;  // "19"

  // True when it names its units by code (the form since 2025).
  bool two_tier() const { return commune_code || province_code; }

  // The non-empty parts, comma separated. Two-tier: "Tổ 5, phường Đức Xuân,
  // tỉnh Thái Nguyên" (a unit's kind word in lower case, as written inside a
  // sentence); as written otherwise: "Tổ 3, Phường Đức Xuân, Bắc Kạn".
  std::string one_line() const;
  bool operator==(const Address&) const = default;
};

}  // namespace tracker::domain
