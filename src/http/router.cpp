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

bool matches(std::string_view pattern, std::string_view path, std::map<std::string, std::string>& params) {
  auto p = segments(pattern);
  auto s = segments(path);
  if (p.size() != s.size()) return false;
  std::map<std::string, std::string> found;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (p[i].size() > 2 && p[i].front() == '{' && p[i].back() == '}') {
      found.emplace(std::string(p[i].substr(1, p[i].size() - 2)), std::string(s[i]));
    } else if (p[i] != s[i]) {
      return false;
    }
  }
  params = std::move(found);
  return true;
}

// How many leading segments of the path equal the pattern's literal ones.
std::size_t shared_prefix(std::string_view pattern, std::string_view path) {
  auto p = segments(pattern);
  auto s = segments(path);
  std::size_t n = 0;
  while (n < p.size() && n < s.size() && p[n] == s[n]) ++n;
  return n;
}

}  // namespace

void Router::add(std::string method, std::string pattern, Handler h, RouteSpec spec) {
  routes_.push_back(Route{std::move(method), std::move(pattern), std::move(h), spec});
}

std::uint64_t Router::body_limit(const std::string& path) const {
  std::map<std::string, std::string> params;
  for (const auto& r : routes_) {
    if (matches(r.pattern, path, params)) return static_cast<std::uint64_t>(r.spec.body);
  }
  return static_cast<std::uint64_t>(BodyLimit::json);
}

Match Router::match(const std::string& method, const std::string& path) const {
  Match m;
  std::size_t best = 0;
  for (const auto& r : routes_) {
    std::map<std::string, std::string> params;
    if (!matches(r.pattern, path, params)) {
      if (auto n = shared_prefix(r.pattern, path); n > best) {
        best = n;
        m.nearest = &r;
      }
      continue;
    }
    // A literal segment beats a parameter: routes are added literal-first.
    if (r.method == method || (method == "HEAD" && r.method == "GET")) {
      m.route = &r;
      m.params = std::move(params);
      m.allowed.clear();
      return m;
    }
    m.allowed.push_back(r.method);
  }
  return m;
}

}  // namespace tracker::http
