#include "tracker/domain/admin_unit.hpp"

#include <algorithm>

#include "tracker/domain/text.hpp"

namespace tracker::domain {
namespace {

bool digits(std::string_view text, std::size_t n) {
  return text.size() == n && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Longer words first, so "thi tran" is taken before "thi" could match.
constexpr std::string_view kKindWords[] = {"thanh pho", "thi tran", "dac khu", "thi xa", "phuong", "huyen",
                                           "tinh",      "quan",     "tp",      "tt",     "xa",     "p",
                                           "x",         "q",        "t"};

}  // namespace

bool is_province_code(std::string_view text) { return digits(text, 2); }
bool is_commune_code(std::string_view text) { return digits(text, 5); }

std::string unit_name_key(std::string_view name) {
  std::string key = search_key(name);
  for (auto word : kKindWords) {
    // The kind word followed by more of the name: "phuong 1" keeps "1", but a
    // name that is only a kind word ("Phường") is left as it is.
    if (key.size() > word.size() + 1 && key.compare(0, word.size(), word) == 0 && key[word.size()] == ' ') {
      return key.substr(word.size() + 1);
    }
  }
  return key;
}

}  // namespace tracker::domain
