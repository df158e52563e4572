#pragma once
// The administrative units as stored (migration 009: provinces, communes and
// the old communes each became). Read-only statements reached through
// Tx::units(), inside that transaction. Not thread-safe.
#include <optional>
#include <string>
#include <vector>


namespace tracker::store {

struct Province {
  std::string code;  // "19"
  std::string name;  // "Tỉnh Thái Nguyên"
};

struct Commune {
  std::string code;  // "01840"
  std::string name;  // "Phường Đức Xuân"
  std::string kind;  // "xã" | "phường" | "đặc khu"
  Province province;
};

struct UnitQuery {
  std::optional<std::string> province_code;
  std::string key;                       // domain::search_key of the words looked for; "" matches all
  std::optional<std::string> code;       // or exactly this commune code
  std::optional<std::string> after;      // keyset: codes after this one
  int limit = 20;
};

class UnitQueries {
 public:
  virtual ~UnitQueries() = default;

  // Communes in code order: of the province if given, whose name contains
  // the key's words in order (or whose code is `code`), after `after`.
  virtual std::vector<Commune> find(const UnitQuery& q) = 0;
  virtual std::optional<Commune> commune(const std::string& code) = 0;
  virtual std::optional<Province> province(const std::string& code) = 0;
  // The current communes that the old commune named `commune_key` (see
  // domain::unit_name_key) became, of the old province named `province_key`
  // when that is not empty; in code order.
  virtual std::vector<Commune> successors(const std::string& commune_key, const std::string& province_key) = 0;

 protected:
  UnitQueries() = default;
  UnitQueries(const UnitQueries&) = default;
  UnitQueries& operator=(const UnitQueries&) = default;
};

}  // namespace tracker::store
