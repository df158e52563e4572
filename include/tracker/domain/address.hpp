#pragma once
// A citizen's postal address as given on the slip: a line (house, street,
// hamlet) and the administrative units. Each part is optional; absent parts
// are left out of the one-line form.
#include <optional>
#include <string>

namespace tracker::domain {

struct Address {
  std::optional<std::string> line;
  std::optional<std::string> commune;
  std::optional<std::string> district;
  std::optional<std::string> province;

  // "Tổ 3, Phường Đức Xuân, Bắc Kạn": the non-empty parts, comma separated.
  std::string one_line() const;
  bool operator==(const Address&) const = default;
};

}  // namespace tracker::domain
