#pragma once
// The administrative units of 2025 (GET /api/v1/units), and addresses read
// against them: codes checked and their names filled in, the units an old
// three-level address probably means today. Thread-safe.
#include <optional>
#include <string>
#include <vector>

#include "tracker/domain/address.hpp"
#include "tracker/domain/result.hpp"
#include "tracker/store/store.hpp"
#include "tracker/store/unit_queries.hpp"

namespace tracker::tracking {

inline constexpr int kMaxUnitsPage = 500;

struct UnitSearch {
  std::optional<std::string> province_code;  // 2 digits
  std::string q;                             // words of the name (any accents, any case) or a 5-digit code
  std::optional<std::string> after;          // the cursor: the last code of the previous page
  int limit = 20;                            // 1 … kMaxUnitsPage
};

struct UnitPage {
  std::vector<store::Commune> items;  // by code
  std::optional<std::string> next_cursor;
};

class UnitService {
 public:
  explicit UnitService(store::Store& store) : store_(store) {}
  // Public. An unknown province is 422 on "province"; no match is an empty page.
  domain::Result<UnitPage> search(const UnitSearch& s);

 private:
  store::Store& store_;
};

// The address with its units' names taken from their codes (a commune alone
// brings its province), or 422 naming `<prefix>.commune_code` /
// `<prefix>.province_code` for an unknown code or a commune outside the given
// province. An address in the written form is returned as it is.
domain::Result<domain::Address> resolve_address(store::Tx& tx, domain::Address a, const std::string& prefix);

// For an address in the written (pre-2025) form whose commune names an old
// unit: the current unit(s) it became (several when the old name is not
// unique in its province or the unit was split). Empty otherwise.
std::vector<store::Commune> suggested_units(store::Tx& tx, const domain::Address& a);

}  // namespace tracker::tracking
