#pragma once
// The first step of every JSON route, as RequestContext::json_body()
// (src/http/context.cpp) does it: boost::json::parse with max_depth 32, and
// only an object is a body. Keep the options in step with json_body().
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <string_view>

namespace tracker::fuzz {

inline std::optional<boost::json::object> json_body(std::string_view bytes) {
  boost::system::error_code ec;
  boost::json::parse_options opts;
  opts.max_depth = 32;
  auto v = boost::json::parse(bytes, ec, {}, opts);
  if (ec || !v.is_object()) return std::nullopt;
  return std::move(v.as_object());
}

// The same object after boost::json::serialize and parse again: what a
// client that re-sends an equivalent body sends. nullopt when the text does
// not parse: Boost.JSON 1.81 reads "1e999" as infinity and "0e999" as NaN
// but writes them as Infinity and NaN, which are not JSON.
inline std::optional<boost::json::object> reparsed(const boost::json::object& o) {
  boost::system::error_code ec;
  auto v = boost::json::parse(boost::json::serialize(o), ec);
  if (ec || !v.is_object()) return std::nullopt;
  return std::move(v.as_object());
}

}  // namespace tracker::fuzz
