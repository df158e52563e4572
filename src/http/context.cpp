#include "context.hpp"

#include <boost/json/parse.hpp>

namespace tracker::http {
using namespace tracker::domain;

Result<boost::json::object> RequestContext::json_body() const {
  auto type = req_.header("content-type").value_or("");
  auto semi = type.find(';');
  auto media = type.substr(0, semi);
  while (!media.empty() && media.back() == ' ') media.pop_back();
  for (auto& c : media) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (media != "application/json") {
    return make_error(Errc::unsupported_media, "unsupported_media_type",
                      "Send the body as application/json.");
  }
  boost::system::error_code ec;
  boost::json::parse_options opts;
  opts.max_depth = 32;
  auto v = boost::json::parse(req_.body, ec, {}, opts);
  if (ec) {
    return make_error(Errc::malformed, "malformed_json", "The body is not valid JSON: " + ec.message());
  }
  if (!v.is_object()) return make_error(Errc::malformed, "malformed_json", "The body must be a JSON object.");
  return std::move(v.as_object());
}

Language request_language(const Request& req) {
  if (auto lang = req.query_param("lang")) return domain::parse_language(*lang).value_or(Language::vi);
  auto accept = req.header("accept-language").value_or("");
  return accept.rfind("en", 0) == 0 ? Language::en : Language::vi;
}

Language RequestContext::language() const { return request_language(req_); }

}  // namespace tracker::http
