#include "unit_seed.hpp"

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "connection.hpp"
#include "seed_rows.hpp"
#include "tracker/domain/admin_unit.hpp"
#include "tracker/domain/text.hpp"

namespace tracker::store::sqlite {

namespace {

void load_provinces(Connection& c) {
  auto& q = c.statement("INSERT INTO provinces (code, name, search_name) VALUES (?, ?, ?)");
  for (const auto& r : seed::provinces()) {
    q.reset();
    q.bind(1, r.code);
    q.bind(2, r.name);
    q.bind(3, r.search_name);
    q.exec();
  }
}

void load_communes(Connection& c) {
  auto& q = c.statement(
      "INSERT INTO communes (code, province_code, name, kind, search_name) VALUES (?, ?, ?, ?, ?)");
  for (const auto& r : seed::communes()) {
    q.reset();
    q.bind(1, r.code);
    q.bind(2, r.province_code);
    q.bind(3, r.name);
    q.bind(4, r.kind);
    q.bind(5, r.search_name);
    q.exec();
  }
}

void load_old_communes(Connection& c) {
  auto& q = c.statement(
      "INSERT INTO old_communes (province_code, province_name, code, name, new_code, name_key, province_key) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)");
  for (const auto& r : seed::old_communes()) {
    q.reset();
    q.bind(1, r.province_code);
    q.bind(2, r.province_name);
    q.bind(3, r.code);
    q.bind(4, r.name);
    q.bind(5, r.new_code);
    q.bind(6, r.name_key);
    q.bind(7, r.province_key);
    q.exec();
  }
}

// An office written before 2025 has only free text: its commune gets a code
// when the text names exactly one current commune of its province, or one
// old commune that became exactly one new one.
void link_offices(Connection& c) {
  struct Office {
    std::int64_t id;
    std::string province, commune;
  };
  std::vector<Office> offices;
  auto& all = c.statement("SELECT id, province, commune FROM offices WHERE commune_code IS NULL AND commune <> ''");
  while (all.executeStep()) {
    offices.push_back({all.getColumn(0).getInt64(), all.getColumn(1).getString(), all.getColumn(2).getString()});
  }
  auto& current = c.statement(
      "SELECT DISTINCT c.code FROM communes c JOIN provinces p ON p.code = c.province_code "
      "WHERE c.search_name LIKE '% ' || ?1 AND (?2 = '' OR p.search_name LIKE '% ' || ?2) LIMIT 2");
  auto& old = c.statement(
      "SELECT DISTINCT new_code FROM old_communes WHERE name_key = ?1 AND (?2 = '' OR province_key = ?2) LIMIT 2");
  auto& set = c.statement("UPDATE offices SET commune_code = ? WHERE id = ?");
  auto only = [](SQLite::Statement& q, const std::string& commune, const std::string& province) {
    q.reset();
    q.bind(1, commune);
    q.bind(2, province);
    std::vector<std::string> codes;
    while (q.executeStep()) codes.push_back(q.getColumn(0).getString());
    return codes.size() == 1 ? codes.front() : std::string();
  };
  for (const auto& o : offices) {
    auto commune = domain::unit_name_key(o.commune);
    auto province = domain::unit_name_key(o.province);
    auto code = only(current, commune, province);
    if (code.empty()) code = only(old, commune, province);
    if (code.empty()) continue;
    set.reset();
    set.bind(1, code);
    set.bind(2, static_cast<std::int64_t>(o.id));
    set.exec();
  }
}

}  // namespace

void load_admin_units_2025(Connection& c) {
  load_provinces(c);
  load_communes(c);
  load_old_communes(c);
  link_offices(c);
  c.reset_used();
}

}  // namespace tracker::store::sqlite
