// The OpenAPI document describes every route of the route table.
#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

#include "routes/routes.hpp"

TEST_CASE("every route in the table is documented in openapi.json", "[http][openapi]") {
  auto doc = boost::json::parse(tracker::http::openapi_document()).as_object();
  CHECK(std::string(doc.at("openapi").as_string()).rfind("3.1", 0) == 0);
  const auto& paths = doc.at("paths").as_object();
  auto router = tracker::http::make_router();
  REQUIRE(router.routes().size() > 10);
  for (const auto& route : router.routes()) {
    std::string method = route.method;
    for (auto& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    CAPTURE(route.method, route.pattern);
    REQUIRE(paths.contains(route.pattern));
    CHECK(paths.at(route.pattern).as_object().contains(method));
  }
}

TEST_CASE("the route table tells an unknown path from a wrong method", "[http][router]") {
  auto router = tracker::http::make_router();
  auto found = router.match("GET", "/api/v1/shipments/EC136431858VN");
  REQUIRE(found.route != nullptr);
  CHECK(found.params.at("tracking_number") == "EC136431858VN");
  auto wrong = router.match("DELETE", "/api/v1/shipments/EC136431858VN");
  CHECK(wrong.route == nullptr);
  CHECK_FALSE(wrong.allowed.empty());
  auto unknown = router.match("GET", "/api/v1/nothing-here");
  CHECK(unknown.route == nullptr);
  CHECK(unknown.allowed.empty());
}
