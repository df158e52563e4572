#include "tracker/domain/address.hpp"

#include <string_view>

namespace tracker::domain {
namespace {

// The kind words units' names start with, and how they read inside a line.
constexpr std::pair<std::string_view, std::string_view> kKindWords[] = {
    {"Thành phố ", "thành phố "}, {"Tỉnh ", "tỉnh "},     {"Phường ", "phường "},
    {"Xã ", "xã "},               {"Đặc khu ", "đặc khu "}};

std::string in_line(const std::string& unit_name) {
  for (auto [word, lower] : kKindWords) {
    if (unit_name.size() > word.size() && unit_name.compare(0, word.size(), word) == 0) {
      return std::string(lower) + unit_name.substr(word.size());
    }
  }
  return unit_name;
}

}  // namespace

std::string Address::one_line() const {
  std::string out;
  for (const auto* part : {&line, &commune, &district, &province}) {
    if (!*part || (*part)->empty()) continue;
    if (!out.empty()) out += ", ";
    out += two_tier() && part != &line ? in_line(**part) : **part;
  }
  return out;
}

}  // namespace tracker::domain
