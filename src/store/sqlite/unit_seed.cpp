#include "unit_seed.hpp"

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "connection.hpp"
#include "tracker/domain/admin_unit.hpp"
#include "tracker/domain/text.hpp"

namespace tracker::store::sqlite {

std::vector<std::pair<std::string_view, std::string_view>> embedded_seeds();  // generated

namespace {

using Row = std::vector<std::string>;

std::string_view seed_file(std::string_view name) {
  for (auto [file, content] : embedded_seeds()) {
    if (file == name) return content;
  }
  throw std::logic_error("seed file " + std::string(name) + " is not embedded");
}

// The rows of a seed file: '#' lines are comments, the first other line is
// the header (checked against `header`), fields are separated by commas (the
// files have no quoted fields: checked).
std::vector<Row> csv_rows(std::string_view name, std::string_view header) {
  std::string_view text = seed_file(name);
  std::vector<Row> rows;
  bool header_seen = false;
  std::size_t columns = 1 + static_cast<std::size_t>(std::count(header.begin(), header.end(), ','));
  int line_number = 0;
  while (!text.empty()) {
    auto end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    auto fail = [&](const std::string& why) {
      throw std::runtime_error(std::string(name) + " line " + std::to_string(line_number) + ": " + why);
    };
    if (!header_seen) {
      if (line != header) fail("the header is not " + std::string(header));
      header_seen = true;
      continue;
    }
    if (line.find('"') != std::string_view::npos) fail("quoted fields are not expected");
    Row row;
    std::size_t start = 0;
    for (;;) {
      auto comma = line.find(',', start);
      row.emplace_back(line.substr(start, comma == std::string_view::npos ? comma : comma - start));
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
    if (row.size() != columns) fail(std::to_string(row.size()) + " fields, expected " + std::to_string(columns));
    rows.push_back(std::move(row));
  }
  return rows;
}

void load_provinces(Connection& c) {
  auto& q = c.statement("INSERT INTO provinces (code, name, search_name) VALUES (?, ?, ?)");
  for (const auto& r : csv_rows("provinces.csv", "province_code,province_name")) {
    if (!domain::is_province_code(r[0])) throw std::runtime_error("provinces.csv: bad code " + r[0]);
    q.reset();
    q.bind(1, r[0]);
    q.bind(2, r[1]);
    q.bind(3, domain::search_key(r[1]));
    q.exec();
  }
}

void load_communes(Connection& c) {
  auto& q = c.statement(
      "INSERT INTO communes (code, province_code, name, kind, search_name) VALUES (?, ?, ?, ?, ?)");
  for (const auto& r : csv_rows("communes.csv",
                                "province_code,province_name,commune_code,commune_name,commune_kind")) {
    if (!domain::is_commune_code(r[2])) throw std::runtime_error("communes.csv: bad code " + r[2]);
    q.reset();
    q.bind(1, r[2]);
    q.bind(2, r[0]);
    q.bind(3, r[3]);
    q.bind(4, r[4]);
    q.bind(5, domain::search_key(r[3]));
    q.exec();
  }
}

void load_old_communes(Connection& c) {
  auto& q = c.statement(
      "INSERT INTO old_communes (province_code, province_name, code, name, new_code, name_key, province_key) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)");
  for (const auto& r : csv_rows("old-to-new.csv",
                                "old_province_code,old_province_name,old_commune_code,old_commune_name,"
                                "new_commune_code,new_commune_name")) {
    q.reset();
    q.bind(1, r[0]);
    q.bind(2, r[1]);
    q.bind(3, r[2]);
    q.bind(4, r[3]);
    q.bind(5, r[4]);
    q.bind(6, domain::unit_name_key(r[3]));
    q.bind(7, domain::unit_name_key(r[1]));
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
