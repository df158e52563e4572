#pragma once
// The client a request comes from, for rate limits and logs: the socket's
// peer, unless that peer is a configured trusted reverse proxy, in which
// case the nearest address in X-Forwarded-For that is not itself a trusted
// proxy (a client can put anything at the left of the header; only what our
// own proxies appended is believed).
#include <string>
#include <string_view>
#include <vector>

namespace tracker::http {

std::string client_address_of(const std::string& peer, std::string_view forwarded_for,
                              const std::vector<std::string>& trusted_proxies);

}  // namespace tracker::http
