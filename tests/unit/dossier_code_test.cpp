#include "tracker/domain/dossier_code.hpp"

#include <catch2/catch.hpp>

using namespace std::chrono;
using tracker::domain::DossierCode;
using tracker::domain::Errc;

TEST_CASE("a Circular 01/2018 dossier code is parsed into its parts", "[domain][dossier_code]") {
  auto code = DossierCode::parse("000.00.19.H12-200101-0001");
  REQUIRE(code.has_value());
  CHECK(code->str() == "000.00.19.H12-200101-0001");
  CHECK(code->agency_code() == "000.00.19.H12");
  CHECK(code->received_on() == year_month_day{2020y / January / 1d});
  CHECK(code->sequence() == 1);
}

TEST_CASE("a dossier code is trimmed and its letter upper-cased", "[domain][dossier_code]") {
  auto [text, expected] = GENERATE(table<std::string_view, std::string_view>({
      {"  000.00.19.h12-261127-0042 ", "000.00.19.H12-261127-0042"},
      {"\t123.45.67.B01-240229-9999\n", "123.45.67.B01-240229-9999"},
  }));
  CAPTURE(text);
  auto code = DossierCode::parse(text);
  REQUIRE(code.has_value());
  CHECK(code->str() == expected);
  CHECK(DossierCode::looks_like(text));
}

TEST_CASE("received_on and sequence of another code", "[domain][dossier_code]") {
  auto code = DossierCode::parse("123.45.67.B01-240229-9999");  // 2024 is a leap year
  REQUIRE(code.has_value());
  CHECK(code->received_on() == year_month_day{2024y / February / 29d});
  CHECK(code->sequence() == 9999);
  CHECK(code->agency_code() == "123.45.67.B01");
}

TEST_CASE("what is not a dossier code is refused", "[domain][dossier_code]") {
  auto [text, field_code] = GENERATE(table<std::string_view, std::string_view>({
      {"2.000815.000.00.00.H55", "bad_format"},  // a procedure code
      {"1.001193", "bad_format"},
      {"EC136431858VN", "bad_format"},
      {"", "bad_format"},
      {"000.00.19.H12-200101-001", "bad_format"},
      {"000.00.19.H12-200101-00011", "bad_format"},
      {"000.00.19.12H-200101-0001", "bad_format"},
      {"000.00.19.HH2-200101-0001", "bad_format"},
      {"000.0.019.H12-200101-0001", "bad_format"},
      {"000.00.19.H12/200101/0001", "bad_format"},
      {"000.00.19.H12-200101-0001x", "bad_format"},
      {"000.00 19.H12-200101-0001", "bad_format"},
      {"000.00.19.H12-201301-0001", "bad_date"},  // month 13
      {"000.00.19.H12-230229-0001", "bad_date"},  // 2023 is not a leap year
      {"000.00.19.H12-200431-0001", "bad_date"},  // 31 April
      {"000.00.19.H12-200100-0001", "bad_date"},
  }));
  CAPTURE(text);
  auto code = DossierCode::parse(text);
  REQUIRE_FALSE(code.has_value());
  CHECK(code.error().errc == Errc::invalid);
  CHECK(code.error().code == "invalid_dossier_code");
  REQUIRE(code.error().fields.size() == 1);
  CHECK(code.error().fields[0].field == "dossier_code");
  CHECK(code.error().fields[0].code == field_code);
  // The shape check ignores the date: a bad date still looks like a code.
  CHECK(DossierCode::looks_like(text) == (field_code == "bad_date"));
}

TEST_CASE("dossier codes compare by their text", "[domain][dossier_code]") {
  auto a = DossierCode::parse("000.00.19.H12-200101-0001");
  auto b = DossierCode::parse(" 000.00.19.h12-200101-0001");
  auto c = DossierCode::parse("000.00.19.H12-200101-0002");
  REQUIRE((a && b && c));
  CHECK(*a == *b);
  CHECK(*a < *c);
}
