#pragma once
// The CSV files of ../shared/data (real data nobody here made: read in
// place, never copied). They have no quoted fields and CRLF line ends.
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace tracker::test {

// The rows of ../shared/data/<relative> (beside the project's source), header
// skipped; REQUIREs that the file is there.
inline std::vector<std::vector<std::string>> shared_csv(const std::string& relative) {
  std::ifstream in(std::string(TRACKER_SOURCE_DIR) + "/../shared/data/" + relative);
  REQUIRE(in.good());
  std::vector<std::vector<std::string>> rows;
  std::string line;
  std::getline(in, line);  // the header
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    std::vector<std::string> row;
    std::stringstream fields(line);
    std::string field;
    while (std::getline(fields, field, ',')) row.push_back(field);
    rows.push_back(row);
  }
  return rows;
}

}  // namespace tracker::test
