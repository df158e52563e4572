#pragma once
// The rows of the seed files embedded in the binary (db/seed/admin-units-2025/
// *.csv, each with its provenance in its header): read and checked once,
// the same for every store backend. Private to src/store.
#include <string>
#include <vector>

namespace tracker::store::seed {

struct ProvinceRow {
  std::string code;         // "19"
  std::string name;         // "Tỉnh Thái Nguyên"
  std::string search_name;  // domain::search_key(name)
};

struct CommuneRow {
  std::string code;           // "01840"
  std::string province_code;  // "19"
  std::string name;           // "Phường Đức Xuân"
  std::string kind;           // "xã" | "phường" | "đặc khu"
  std::string search_name;    // domain::search_key(name)
};

// One old (pre-2025) commune and one unit it became.
struct OldCommuneRow {
  std::string province_code, province_name, code, name, new_code;
  std::string name_key;      // domain::unit_name_key(name)
  std::string province_key;  // domain::unit_name_key(province_name)
};

// Throw std::runtime_error naming the file and line of a malformed row.
std::vector<ProvinceRow> provinces();
std::vector<CommuneRow> communes();
std::vector<OldCommuneRow> old_communes();

}  // namespace tracker::store::seed
