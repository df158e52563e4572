#include "tracker/domain/dossier_code.hpp"

#include <catch2/catch.hpp>

using namespace std::chrono;
using tracker::domain::DossierCode;
using tracker::domain::Errc;
using tracker::domain::expected_form;
using tracker::domain::is_agency_code;
using tracker::domain::matches_default_forms;

TEST_CASE("a Circular 01/2018 dossier code shows its agency part and date", "[domain][dossier_code]") {
  auto code = DossierCode::parse("000.00.19.H12-200101-0001");
  REQUIRE(code.has_value());
  CHECK(code->str() == "000.00.19.H12-200101-0001");
  CHECK(code->agency_part() == "000.00.19.H12");
  CHECK(code->received_on() == year_month_day{2020y / January / 1d});
}

TEST_CASE("an identifier-first dossier code of today is a code too", "[domain][dossier_code]") {
  auto code = DossierCode::parse("H55.242-251015-0001");
  REQUIRE(code.has_value());
  CHECK(code->agency_part() == "H55.242");
  CHECK(code->received_on() == year_month_day{2025y / October / 15d});
  // The date inside is a hint, never a rule: a code with no real date is still a code.
  auto odd = DossierCode::parse("000.00.19.H12-201301-0001");
  REQUIRE(odd.has_value());
  CHECK_FALSE(odd->received_on().has_value());
  // An opaque code of another form has no parts.
  auto other = DossierCode::parse("HS/2026/000123");
  REQUIRE(other.has_value());
  CHECK_FALSE(other->agency_part().has_value());
  CHECK_FALSE(other->received_on().has_value());
}

TEST_CASE("a dossier code is trimmed and its letters upper-cased", "[domain][dossier_code]") {
  auto [text, expected] = GENERATE(table<std::string_view, std::string_view>({
      {"  000.00.19.h12-261127-0042 ", "000.00.19.H12-261127-0042"},
      {"\th55.242-240229-9999\n", "H55.242-240229-9999"},
  }));
  CAPTURE(text);
  auto code = DossierCode::parse(text);
  REQUIRE(code.has_value());
  CHECK(code->str() == expected);
  CHECK(DossierCode::looks_like(text));
}

TEST_CASE("what cannot be a dossier code is refused", "[domain][dossier_code]") {
  auto text = GENERATE(as<std::string_view>{}, "", "1234", "EC136431858VN", "ec 136 431 858 vn",
                       "000.00 19.H12-200101-0001", "-00.00.19.H12-200101-0001", "mã hồ sơ",
                       "000.00.19.H12;DROP", "0912345678", "0912-345-678", "001203012345", "DOSSIER", std::string_view("0000000000000000000000000000000000000000000000000000000000000000x"));
  CAPTURE(text);
  auto code = DossierCode::parse(text);
  REQUIRE_FALSE(code.has_value());
  CHECK(code.error().errc == Errc::invalid);
  CHECK(code.error().code == "invalid_dossier_code");
  REQUIRE(code.error().fields.size() == 1);
  CHECK(code.error().fields[0].field == "dossier_code");
  CHECK(code.error().fields[0].code == "bad_format");
  CHECK_FALSE(DossierCode::looks_like(text));
}

TEST_CASE("an agency without a pattern accepts both forms under its own code", "[domain][dossier_code]") {
  auto code = [](std::string_view text) { return *DossierCode::parse(text); };
  CHECK(matches_default_forms(code("000.00.19.H12-200101-0001"), "000.00.19.H12"));
  CHECK(matches_default_forms(code("000.00.19.H12-251015-0007"), "000.00.19.H12"));
  CHECK(matches_default_forms(code("H55.242-251015-0001"), "H55.242"));
  CHECK_FALSE(matches_default_forms(code("000.00.19.H13-200101-0001"), "000.00.19.H12"));
  CHECK_FALSE(matches_default_forms(code("H55.242-251015-01"), "H55.242"));
  CHECK_FALSE(matches_default_forms(code("H55.2420-251015-0001"), "H55.242"));
  CHECK(expected_form("H55.242") == "H55.242-YYMMDD-NNNN");
  CHECK(is_agency_code("000.00.19.H12"));
  CHECK(is_agency_code("H55.242"));
  CHECK_FALSE(is_agency_code("H55..242"));
  CHECK_FALSE(is_agency_code(".H55"));
  CHECK_FALSE(is_agency_code("h55.242"));
}

TEST_CASE("dossier codes compare by their text", "[domain][dossier_code]") {
  auto a = DossierCode::parse("000.00.19.H12-200101-0001");
  auto b = DossierCode::parse(" 000.00.19.h12-200101-0001");
  auto c = DossierCode::parse("000.00.19.H12-200101-0002");
  REQUIRE((a && b && c));
  CHECK(*a == *b);
  CHECK(*a < *c);
}
