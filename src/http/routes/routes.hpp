#pragma once
// The route table (routes.cpp) and the OpenAPI document it is described by.
// The handlers are declared in handlers.hpp.
#include <string_view>

#include "../router.hpp"

namespace tracker::http {

// Every route of the API, literal paths before parameterised ones.
Router make_router();

// The OpenAPI 3.1 document served at /api/v1/openapi.json.
std::string_view openapi_document();

}  // namespace tracker::http
