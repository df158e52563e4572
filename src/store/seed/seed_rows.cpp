#include "seed_rows.hpp"

#include <algorithm>
#include <stdexcept>
#include <string_view>
#include <utility>

#include "tracker/domain/admin_unit.hpp"
#include "tracker/domain/text.hpp"

namespace tracker::store::seed {

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

}  // namespace

std::vector<ProvinceRow> provinces() {
  std::vector<ProvinceRow> out;
  for (auto& r : csv_rows("provinces.csv", "province_code,province_name")) {
    if (!domain::is_province_code(r[0])) throw std::runtime_error("provinces.csv: bad code " + r[0]);
    out.push_back({r[0], r[1], domain::search_key(r[1])});
  }
  return out;
}

std::vector<CommuneRow> communes() {
  std::vector<CommuneRow> out;
  for (auto& r : csv_rows("communes.csv", "province_code,province_name,commune_code,commune_name,commune_kind")) {
    if (!domain::is_commune_code(r[2])) throw std::runtime_error("communes.csv: bad code " + r[2]);
    out.push_back({r[2], r[0], r[3], r[4], domain::search_key(r[3])});
  }
  return out;
}

std::vector<OldCommuneRow> old_communes() {
  std::vector<OldCommuneRow> out;
  for (auto& r : csv_rows("old-to-new.csv",
                          "old_province_code,old_province_name,old_commune_code,old_commune_name,"
                          "new_commune_code,new_commune_name")) {
    out.push_back({r[0], r[1], r[2], r[3], r[4], domain::unit_name_key(r[3]), domain::unit_name_key(r[1])});
  }
  return out;
}

}  // namespace tracker::store::seed
