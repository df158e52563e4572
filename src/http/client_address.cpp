#include "client_address.hpp"

#include <algorithm>
#include <boost/asio/ip/address.hpp>

namespace tracker::http {
namespace {

bool trusted(const std::string& address, const std::vector<std::string>& proxies) {
  return std::find(proxies.begin(), proxies.end(), address) != proxies.end();
}

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

}  // namespace

std::string client_address_of(const std::string& peer, std::string_view forwarded_for,
                              const std::vector<std::string>& trusted_proxies) {
  if (forwarded_for.empty() || !trusted(peer, trusted_proxies)) return peer;
  // Right to left: each hop appended the address it saw.
  std::string current = peer;
  while (!forwarded_for.empty()) {
    auto comma = forwarded_for.rfind(',');
    auto hop = trim(comma == std::string_view::npos ? forwarded_for : forwarded_for.substr(comma + 1));
    forwarded_for = comma == std::string_view::npos ? std::string_view() : forwarded_for.substr(0, comma);
    boost::system::error_code ec;
    auto parsed = boost::asio::ip::make_address(hop, ec);
    if (ec) return current;  // garbage: stop at the last hop we could trust
    current = parsed.to_string();
    if (!trusted(current, trusted_proxies)) return current;
  }
  return current;
}

}  // namespace tracker::http
