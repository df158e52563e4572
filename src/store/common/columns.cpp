#include "columns.hpp"

#include <boost/json.hpp>

#include "tracker/domain/time.hpp"

namespace tracker::store::columns {
namespace json = boost::json;
namespace {

using Part = std::optional<std::string> domain::Address::*;
constexpr std::pair<const char*, Part> kAddressParts[] = {{"line", &domain::Address::line},
                                                         {"commune", &domain::Address::commune},
                                                         {"district", &domain::Address::district},
                                                         {"province", &domain::Address::province},
                                                         {"commune_code", &domain::Address::commune_code},
                                                         {"province_code", &domain::Address::province_code}};

}  // namespace

std::chrono::year_month_day to_date(const std::string& text) {
  auto day = domain::parse_date(text);
  if (!day) throw std::runtime_error("the database holds a bad date: " + text);
  return *day;
}

std::string address_json(const domain::Address& a) {
  json::object o;
  for (const auto& [key, part] : kAddressParts) {
    if (a.*part) o[key] = *(a.*part);
  }
  return json::serialize(o);
}

domain::Address address_from_json(std::string_view text) {
  // Read with every shipment row: the parse tree lives on the stack.
  unsigned char buffer[2048];
  json::monotonic_resource arena(buffer);
  boost::system::error_code ec;
  auto v = json::parse(text, ec, &arena);
  domain::Address a;
  if (ec || !v.is_object()) return a;
  for (const auto& [key, part] : kAddressParts) {
    if (const auto* p = v.as_object().if_contains(key); p && p->is_string()) {
      a.*part = std::string(p->as_string());
    }
  }
  return a;
}

std::string triggers_json(const std::vector<domain::Trigger>& triggers) {
  json::array a;
  for (const auto& t : triggers) a.emplace_back(domain::to_string(t));
  return json::serialize(a);
}

std::vector<domain::Trigger> triggers_from_json(std::string_view text) {
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  std::vector<domain::Trigger> out;
  if (ec || !v.is_array()) return out;
  for (const auto& w : v.as_array()) {
    if (!w.is_string()) continue;
    out.push_back(to_trigger(w.as_string()));
  }
  return out;
}

}  // namespace tracker::store::columns
