#pragma once
// Administrative units since 1 July 2025: provinces (2-digit codes) and
// communes (xã, phường, đặc khu; 5-digit codes) of the statistics office's
// numbering. The units themselves are data (the store's seed tables); here
// only how their codes look and how names are compared.
#include <string>
#include <string_view>

namespace tracker::domain {

bool is_province_code(std::string_view text);  // "19"
bool is_commune_code(std::string_view text);   // "01840"

// A unit's name as people write it, reduced for comparison: search_key
// without a leading kind word, so "Phường Đức Xuân", "P. Đức Xuân" and
// "duc xuan" all give "duc xuan", and "Tỉnh Bắc Kạn" or "T. Bắc Kạn" give
// "bac kan". Kind words: tỉnh, thành phố (tp), xã (x), phường (p), thị trấn
// (tt), đặc khu, and the district words huyện, quận, thị xã (q) some old
// addresses still carry.
std::string unit_name_key(std::string_view name);

}  // namespace tracker::domain
