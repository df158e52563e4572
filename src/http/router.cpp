#include "router.hpp"

#include <string_view>

namespace tracker::http {
namespace {

std::vector<std::string_view> segments(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    auto j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    out.push_back(path.substr(i, j - i));
    i = j;
  }
  return out;
}

// A pattern split once (at add()) against a path split once per request.
bool matches(const std::vector<std::string>& p, const std::vector<std::string_view>& s,
             std::map<std::string, std::string>& params) {
  if (p.size() != s.size()) return false;
  for (std::size_t i = 0; i < p.size(); ++i) {
    bool parameter = p[i].size() > 2 && p[i].front() == '{' && p[i].back() == '}';
    if (!parameter && p[i] != s[i]) return false;
  }
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (p[i].size() > 2 && p[i].front() == '{' && p[i].back() == '}') {
      params.emplace(p[i].substr(1, p[i].size() - 2), std::string(s[i]));
    }
  }
  return true;
}

// How many leading segments of the path equal the pattern's literal ones.
std::size_t shared_prefix(const std::vector<std::string>& p, const std::vector<std::string_view>& s) {
  std::size_t n = 0;
  while (n < p.size() && n < s.size() && p[n] == s[n]) ++n;
  return n;
}

}  // namespace

void Router::add(std::string method, std::string pattern, Handler h, RouteSpec spec) {
  std::vector<std::string> split;
  for (auto part : segments(pattern)) split.emplace_back(part);
  split_.push_back(std::move(split));
  routes_.push_back(Route{std::move(method), std::move(pattern), std::move(h), spec});
}

std::uint64_t Router::body_limit(const std::string& path) const {
  auto s = segments(path);
  std::map<std::string, std::string> params;
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    if (matches(split_[i], s, params)) return static_cast<std::uint64_t>(routes_[i].spec.body);
  }
  return static_cast<std::uint64_t>(BodyLimit::json);
}

Match Router::match(const std::string& method, const std::string& path) const {
  Match m;
  auto s = segments(path);
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    const auto& r = routes_[i];
    std::map<std::string, std::string> params;
    if (!matches(split_[i], s, params)) continue;
    // A literal segment beats a parameter: routes are added literal-first.
    if (r.method == method || (method == "HEAD" && r.method == "GET")) {
      m.route = &r;
      m.params = std::move(params);
      m.allowed.clear();
      return m;
    }
    m.allowed.push_back(r.method);
  }
  // A miss (rare): which route is nearest says how to answer it.
  if (!m.route && m.allowed.empty()) {
    std::size_t best = 0;
    for (std::size_t i = 0; i < routes_.size(); ++i) {
      if (auto n = shared_prefix(split_[i], s); n > best) {
        best = n;
        m.nearest = &routes_[i];
      }
    }
  }
  return m;
}

}  // namespace tracker::http
