#include "tracker/domain/ids.hpp"

#include <catch2/catch.hpp>

using tracker::domain::Errc;
using tracker::domain::parse_uuid;

TEST_CASE("a UUID comes back in canonical lower case", "[domain][uuid]") {
  auto [text, canonical] = GENERATE(table<std::string_view, std::string_view>({
      {"7b0d3f1e-1c7a-4a39-9d1e-2f1f6b2b9a10", "7b0d3f1e-1c7a-4a39-9d1e-2f1f6b2b9a10"},
      {"7B0D3F1E-1C7A-4A39-9D1E-2F1F6B2B9A10", "7b0d3f1e-1c7a-4a39-9d1e-2f1f6b2b9a10"},
      {"00000000-0000-0000-0000-000000000000", "00000000-0000-0000-0000-000000000000"},
  }));
  CAPTURE(text);
  auto id = parse_uuid(text);
  REQUIRE(id.has_value());
  CHECK(*id == canonical);
}

TEST_CASE("anything but the 8-4-4-4-12 form is refused", "[domain][uuid]") {
  auto text = GENERATE(
      as<std::string_view>{}, "", "7b0d3f1e1c7a4a399d1e2f1f6b2b9a10",
      "{7b0d3f1e-1c7a-4a39-9d1e-2f1f6b2b9a10}", "urn:uuid:7b0d3f1e-1c7a-4a39-9d1e-2f1f6b2b9a10",
      " 7b0d3f1e-1c7a-4a39-9d1e-2f1f6b2b9a10", "7b0d3f1e-1c7a-4a39-9d1e-2f1f6b2b9a1",
      "7b0d3f1e-1c7a-4a39-9d1e-2f1f6b2b9a100", "7b0d3f1e-1c7a-4a39-9d1e_2f1f6b2b9a10",
      "7b0d3f1e-1c7a-4a39-9d1e-2f1f6b2b9a1g", "7b0d3f1-e1c7a-4a39-9d1e-2f1f6b2b9a10", "scan-42");
  CAPTURE(text);
  auto id = parse_uuid(text);
  REQUIRE_FALSE(id.has_value());
  CHECK(id.error().errc == Errc::invalid);
  CHECK(id.error().code == "invalid_uuid");
  REQUIRE(id.error().fields.size() == 1);
  CHECK(id.error().fields[0].field == "event_id");
  CHECK(id.error().fields[0].code == "invalid_uuid");
}
