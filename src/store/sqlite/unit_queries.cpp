#include "queries.hpp"

#include "connection.hpp"

namespace tracker::store::sqlite {
namespace {

constexpr const char* kCommuneColumns =
    "SELECT c.code, c.name, c.kind, p.code, p.name FROM communes c JOIN provinces p ON p.code = c.province_code ";

Commune commune_from(SQLite::Statement& q) {
  return Commune{q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getString(),
                 Province{q.getColumn(3).getString(), q.getColumn(4).getString()}};
}

std::vector<Commune> communes_from(SQLite::Statement& q) {
  std::vector<Commune> out;
  while (q.executeStep()) out.push_back(commune_from(q));
  return out;
}

}  // namespace

std::vector<Commune> SqliteUnitQueries::find(const UnitQuery& u) {
  // The key holds only [a-z0-9 ] (domain::search_key): no LIKE wildcards.
  // 3,321 rows: a scan of the small table is a fraction of a millisecond.
  auto& q = c_.statement(std::string(kCommuneColumns) +
                         "WHERE (?1 IS NULL OR c.province_code = ?1) "
                         "AND (?2 IS NULL OR c.code = ?2) "
                         "AND (?3 = '' OR ' ' || c.search_name || ' ' LIKE '% ' || ?3 || '%') "
                         "AND c.code > ?4 ORDER BY c.code LIMIT ?5");
  if (u.province_code) q.bind(1, *u.province_code);
  if (u.code) q.bind(2, *u.code);
  q.bind(3, u.key);
  q.bind(4, u.after.value_or(""));
  q.bind(5, u.limit);
  return communes_from(q);
}

std::optional<Commune> SqliteUnitQueries::commune(const std::string& code) {
  auto& q = c_.statement(std::string(kCommuneColumns) + "WHERE c.code = ?");
  q.bind(1, code);
  if (!q.executeStep()) return std::nullopt;
  return commune_from(q);
}

std::optional<Province> SqliteUnitQueries::province(const std::string& code) {
  auto& q = c_.statement("SELECT code, name FROM provinces WHERE code = ?");
  q.bind(1, code);
  if (!q.executeStep()) return std::nullopt;
  return Province{q.getColumn(0).getString(), q.getColumn(1).getString()};
}

std::vector<Commune> SqliteUnitQueries::successors(const std::string& commune_key, const std::string& province_key) {
  auto& q = c_.statement(std::string(kCommuneColumns) +
                         "WHERE c.code IN (SELECT new_code FROM old_communes WHERE name_key = ?1 "
                         "AND (?2 = '' OR province_key = ?2)) ORDER BY c.code LIMIT 20");
  q.bind(1, commune_key);
  q.bind(2, province_key);
  return communes_from(q);
}

}  // namespace tracker::store::sqlite
