#pragma once
// Assertions several end-to-end test files share.
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>
#include <map>
#include <string>
#include <string_view>

#include "test_server.hpp"

namespace tracker::test {

inline bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// `r` is an RFC 9457 problem: the status, application/problem+json, and a
// body with type, title, status and a machine `code`.
inline void check_problem(const Response& r, int status) {
  INFO("answer: " << r.status << " " << r.header("content-type") << " " << r.body.substr(0, 600));
  CHECK(r.status == status);
  CHECK(starts_with(r.header("content-type"), "application/problem+json"));
  json::value doc;
  REQUIRE_NOTHROW(doc = r.json());
  REQUIRE(doc.is_object());
  const auto& problem = doc.get_object();
  CHECK(problem.contains("type"));
  CHECK((problem.contains("title") && problem.at("title").is_string()));
  CHECK((problem.contains("status") && str(doc, "/status") == std::to_string(status)));
  CHECK((problem.contains("code") && problem.at("code").is_string() &&
         !problem.at("code").get_string().empty()));
}

// The statuses of a list of answers as "201 ×500" or "200 ×499, 409 ×1".
template <class Statuses>
std::string tally(const Statuses& statuses) {
  std::map<std::string, int> counts;
  for (const auto& s : statuses) ++counts[s];
  std::string out;
  for (const auto& [status, n] : counts) {
    if (!out.empty()) out += ", ";
    out += status + " ×" + std::to_string(n);
  }
  return out;
}

}  // namespace tracker::test
