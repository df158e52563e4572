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

  std::optional<std::string> header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    if (it == headers.end()) return std::nullopt;
    return it->second;
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
