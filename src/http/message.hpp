#pragma once
// Requests and responses as the route handlers see them: our own types, so
// Beast stays inside server.cpp (one translation unit) and handlers compile
// fast.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tracker::http {

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string target;  // as sent, with the query string
  std::string path;    // percent-decoded path without the query
  std::map<std::string, std::string> query;    // decoded; the last value wins
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  std::string client_address;
  std::string request_id;  // echoed as X-Request-Id, in the access log and error lines

  std::optional<std::string> header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    if (it == headers.end()) return std::nullopt;
    return it->second;
  }
  // The value of cookie `name` in the Cookie header ("a=1; b=2"), if any.
  std::optional<std::string> cookie(std::string_view name) const {
    auto cookies = header("cookie");
    if (!cookies) return std::nullopt;
    std::string_view rest = *cookies;
    while (!rest.empty()) {
      auto end = rest.find(';');
      auto pair = rest.substr(0, end);
      while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
      if (pair.size() > name.size() && pair.substr(0, name.size()) == name && pair[name.size()] == '=') {
        return std::string(pair.substr(name.size() + 1));
      }
      if (end == std::string_view::npos) break;
      rest.remove_prefix(end + 1);
    }
    return std::nullopt;
  }
  std::optional<std::string> query_param(const std::string& name) const {
    auto it = query.find(name);
    if (it == query.end()) return std::nullopt;
    return it->second;
  }
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

}  // namespace tracker::http
