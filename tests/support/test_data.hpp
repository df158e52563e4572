#pragma once
// Values the end-to-end tests make and check: times, event ids, S10 numbers,
// and small readers for JSON answers. No I/O.
#include <boost/json/array.hpp>
#include <boost/json/value.hpp>
#include <chrono>
#include <initializer_list>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace tracker::test {

namespace json = boost::json;

// RFC 3339 in Asia/Ho_Chi_Minh time ("2026-11-27T09:30:00+07:00"), `ago`
// before now. Tests keep their times in the past so "no future" never bites.
std::string hanoi_time_ago(std::chrono::seconds ago);
// The same, `ahead` after now.
std::string hanoi_time_from_now(std::chrono::seconds ahead);

// A fresh random UUID (version 4), lower case. Thread-safe.
std::string new_event_id();

// True when `text` is a UPU S10 identifier (2 letters, 8 digits, check digit,
// 2 letters) whose check digit is right.
bool is_valid_s10(std::string_view text);
// The 13 characters of a valid S10 for `serial` (0 … 99,999,999).
std::string make_s10(std::string_view service, unsigned serial, std::string_view country = "VN");
// "EC136431858VN" → "ec 136 431 858 vn": how a citizen types it.
std::string spaced_lower_case(std::string_view tracking_number);

// True when `text` is RFC 3339 with the +07:00 offset.
bool is_hanoi_rfc3339(std::string_view text);

// Every object key and string value of `doc`, one per line: what a reader of
// the answer could see, whatever the JSON escaping was.
std::string visible_text(const json::value& doc);
bool mentions(const json::value& doc, std::string_view needle);

// The value at a JSON pointer ("/shipment/status"); throws naming the
// pointer and the document when it is absent.
const json::value& at(const json::value& doc, std::string_view pointer);
// The string at `pointer`; the serialized value when it is not a string.
std::string str(const json::value& doc, std::string_view pointer);
// The size of the array at `pointer`; throws when it is not an array.
std::size_t count(const json::value& doc, std::string_view pointer);
// A JSON array of these strings (tracking numbers of a list, …).
json::array string_array(const std::vector<std::string>& items);
inline json::array string_array(std::initializer_list<std::string> items) {
  return string_array(std::vector<std::string>(items));
}

// The `field` of every element of the array at `pointer`.
std::multiset<std::string> each(const json::value& doc, std::string_view pointer,
                                std::string_view field);

}  // namespace tracker::test
