#include <string_view>
#include <utility>
#include <vector>

#include "routes/routes.hpp"

namespace tracker::http {

std::vector<std::pair<std::string_view, std::string_view>> embedded_openapi();  // generated

std::string_view openapi_document() { return embedded_openapi().front().second; }

}  // namespace tracker::http
