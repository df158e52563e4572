#include "test_data.hpp"

#include <boost/json/serialize.hpp>
#include <boost/uuid/random_generator.hpp>
#include <boost/uuid/uuid_io.hpp>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <regex>
#include <stdexcept>

namespace tracker::test {
namespace {

constexpr int kWeights[8] = {8, 6, 4, 2, 3, 5, 9, 7};

int check_digit(std::string_view eight_digits) {
  int sum = 0;
  for (int i = 0; i < 8; ++i) sum += (eight_digits[i] - '0') * kWeights[i];
  int c = 11 - sum % 11;
  if (c == 10) return 0;
  if (c == 11) return 5;
  return c;
}

std::string hanoi_time(std::chrono::system_clock::time_point t) {
  std::time_t secs = std::chrono::system_clock::to_time_t(t) + 7 * 3600;
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[40];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S+07:00", &tm);
  return buf;
}

void collect(const json::value& v, std::string& out) {
  switch (v.kind()) {
    case json::kind::string:
      out.append(v.get_string().data(), v.get_string().size());
      out += '\n';
      break;
    case json::kind::array:
      for (const auto& e : v.get_array()) collect(e, out);
      break;
    case json::kind::object:
      for (const auto& kv : v.get_object()) {
        out.append(kv.key().data(), kv.key().size());
        out += '\n';
        collect(kv.value(), out);
      }
      break;
    default:
      out += json::serialize(v);
      out += '\n';
  }
}

}  // namespace

std::string hanoi_time_ago(std::chrono::seconds ago) {
  return hanoi_time(std::chrono::system_clock::now() - ago);
}

std::string hanoi_time_from_now(std::chrono::seconds ahead) {
  return hanoi_time(std::chrono::system_clock::now() + ahead);
}

std::string new_event_id() {
  thread_local boost::uuids::random_generator generate;
  return boost::uuids::to_string(generate());
}

bool is_valid_s10(std::string_view t) {
  if (t.size() != 13) return false;
  auto alpha = [](char c) { return c >= 'A' && c <= 'Z'; };
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (!alpha(t[0]) || !alpha(t[1]) || !alpha(t[11]) || !alpha(t[12])) return false;
  for (int i = 2; i < 11; ++i)
    if (!digit(t[i])) return false;
  return check_digit(t.substr(2, 8)) == t[10] - '0';
}

std::string make_s10(std::string_view service, unsigned serial, std::string_view country) {
  char digits[9];
  std::snprintf(digits, sizeof digits, "%08u", serial % 100000000u);
  return std::string(service) + digits + std::to_string(check_digit(digits)) + std::string(country);
}

std::string spaced_lower_case(std::string_view tn) {
  std::string out;
  for (std::size_t i = 0; i < tn.size(); ++i) {
    if (i == 2 || i == 5 || i == 8 || i == 11) out += ' ';
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(tn[i])));
  }
  return out;
}

bool is_hanoi_rfc3339(std::string_view text) {
  static const std::regex re(R"(^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?\+07:00$)");
  return std::regex_match(text.begin(), text.end(), re);
}

std::string visible_text(const json::value& doc) {
  std::string out;
  collect(doc, out);
  return out;
}

bool mentions(const json::value& doc, std::string_view needle) {
  return visible_text(doc).find(needle) != std::string::npos;
}

const json::value& at(const json::value& doc, std::string_view pointer) {
  boost::system::error_code ec;
  const json::value* v = doc.find_pointer(pointer, ec);
  if (!v) {
    throw std::runtime_error("no " + std::string(pointer) + " in " +
                             json::serialize(doc).substr(0, 2000));
  }
  return *v;
}

std::string str(const json::value& doc, std::string_view pointer) {
  const auto& v = at(doc, pointer);
  if (v.is_string()) return std::string(v.get_string());
  return json::serialize(v);
}

std::size_t count(const json::value& doc, std::string_view pointer) {
  const auto& v = at(doc, pointer);
  if (!v.is_array()) {
    throw std::runtime_error(std::string(pointer) +
                             " is not an array: " + json::serialize(v).substr(0, 500));
  }
  return v.get_array().size();
}

std::multiset<std::string> each(const json::value& doc, std::string_view pointer,
                                std::string_view field) {
  std::multiset<std::string> out;
  count(doc, pointer);  // checks it is an array
  for (const auto& e : at(doc, pointer).get_array()) {
    const auto* obj = e.if_object();
    const json::value* v = obj ? obj->if_contains(field) : nullptr;
    if (!v) {
      out.insert("<missing>");
    } else {
      out.insert(v->is_string() ? std::string(v->get_string()) : json::serialize(*v));
    }
  }
  return out;
}

json::array string_array(const std::vector<std::string>& items) {
  json::array a;
  for (const auto& item : items) a.push_back(json::value(item));
  return a;
}

}  // namespace tracker::test
