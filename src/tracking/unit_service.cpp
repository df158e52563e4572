#include "tracker/tracking/unit_service.hpp"

#include "tracker/domain/admin_unit.hpp"
#include "tracker/domain/text.hpp"

namespace tracker::tracking {
using namespace tracker::domain;

Result<UnitPage> UnitService::search(const UnitSearch& s) {
  return store_.read([&](store::Tx& tx) -> Result<UnitPage> {
    store::UnitQueries& units = tx.units();
    if (s.province_code && !units.province(*s.province_code)) {
      return field_error("province", "unknown_province", "No province has this code (2 digits, e.g. 19).");
    }
    store::UnitQuery q;
    q.province_code = s.province_code;
    if (is_commune_code(s.q)) q.code = s.q;
    else q.key = search_key(s.q);
    q.after = s.after;
    q.limit = s.limit + 1;
    UnitPage page;
    page.items = units.find(q);
    if (static_cast<int>(page.items.size()) > s.limit) {
      page.items.resize(static_cast<std::size_t>(s.limit));
      page.next_cursor = page.items.back().code;
    }
    return page;
  });
}

Result<Address> resolve_address(store::Tx& tx, Address a, const std::string& prefix) {
  if (!a.two_tier()) return a;
  store::UnitQueries& units = tx.units();
  std::optional<store::Province> province;
  if (a.province_code) {
    province = units.province(*a.province_code);
    if (!province) {
      return field_error(prefix + ".province_code", "unknown_province", "No province has this code.");
    }
  }
  if (a.commune_code) {
    auto commune = units.commune(*a.commune_code);
    if (!commune) {
      return field_error(prefix + ".commune_code", "unknown_commune", "No commune has this code.");
    }
    if (province && commune->province.code != province->code) {
      return field_error(prefix + ".commune_code", "not_in_province",
                         commune->name + " is in " + commune->province.name + ", not in " + province->name + ".");
    }
    province = commune->province;
    a.commune = commune->name;
  } else {
    a.commune.reset();
  }
  a.district.reset();  // there is none since 1 July 2025
  a.province_code = province->code;
  a.province = province->name;
  return a;
}

std::vector<store::Commune> suggested_units(store::Tx& tx, const Address& a) {
  if (a.two_tier() || !a.commune || a.commune->empty()) return {};
  auto commune = unit_name_key(*a.commune);
  auto province = a.province ? unit_name_key(*a.province) : std::string();
  if (commune.empty()) return {};
  return tx.units().successors(commune, province);
}

}  // namespace tracker::tracking
