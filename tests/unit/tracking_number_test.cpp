#include "tracker/domain/tracking_number.hpp"

#include <catch2/catch.hpp>

using tracker::domain::Errc;
using tracker::domain::TrackingNumber;

TEST_CASE("an S10 check digit is verified", "[domain][s10]") {
  auto [text, valid] = GENERATE(table<std::string_view, bool>({
      {"RR287043775IN", true},
      {"EE471108151FR", true},
      {"EC136431858VN", true},
      {"RR473124829GB", true},
      {"EB123456785VN", true},
      {"EB123456789VN", false},
      {"EC136431850VN", false},
  }));
  CAPTURE(text);
  CHECK(TrackingNumber::parse(text).has_value() == valid);
}

TEST_CASE("the check digit follows weights 8 6 4 2 3 5 9 7", "[domain][s10]") {
  auto [serial, digit] = GENERATE(table<std::uint32_t, int>({
      {28704377, 5},
      {47110815, 1},
      {13643185, 8},
      {47312482, 9},
      {12345678, 5},
      {0, 5},         // S = 0: 11 - 0 = 11 -> 5
      {2000000, 0},   // 02000000: S = 6*2 = 12, 11 - 1 = 10 -> 0
      {10000003, 4},  // S = 8*1 + 7*3 = 29, 11 - 7 = 4
  }));
  CAPTURE(serial);
  CHECK(TrackingNumber::check_digit(serial) == digit);
}

TEST_CASE("a wrong check digit is refused with a hint", "[domain][s10]") {
  auto r = TrackingNumber::parse("EB123456789VN");
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().errc == Errc::invalid);
  CHECK(r.error().code == "invalid_tracking_number");
  REQUIRE(r.error().fields.size() == 1);
  CHECK(r.error().fields[0].field == "tracking_number");
  CHECK(r.error().fields[0].code == "bad_check_digit");
  CHECK(r.error().fields[0].message == "check digit should be 5: did you mean EB123456785VN?");
}

TEST_CASE("a malformed tracking number is bad_format", "[domain][s10]") {
  auto text = GENERATE(as<std::string_view>{}, "", "EC13643185VN", "EC1364318588VN",
                       "1C136431858VN", "EC136431858V1", "EC13643185XVN", "EC136431858VNX",
                       "000.00.19.H12-200101-0001", "EC136431858VN.", "ÉC136431858VN");
  CAPTURE(text);
  auto r = TrackingNumber::parse(text);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().code == "invalid_tracking_number");
  REQUIRE(r.error().fields.size() == 1);
  CHECK(r.error().fields[0].code == "bad_format");
  CHECK_FALSE(TrackingNumber::looks_like(text));
}

TEST_CASE("input is normalised: case, spaces, tabs and dashes", "[domain][s10]") {
  auto text = GENERATE(as<std::string_view>{}, " ec 136-431-858 vn ", "EC 136 431 858 VN",
                       "ec136431858vn", "EC-136431858-VN", "\tEC136431858VN\t");
  CAPTURE(text);
  auto r = TrackingNumber::parse(text);
  REQUIRE(r.has_value());
  CHECK(r->str() == "EC136431858VN");
}

TEST_CASE("parts and the grouped form of a tracking number", "[domain][s10]") {
  auto tn = TrackingNumber::parse("EC136431858VN");
  REQUIRE(tn.has_value());
  CHECK(tn->str().size() == 13);
  CHECK(tn->grouped() == "EC 136 431 858 VN");
  CHECK(tn->serial() == 13643185u);
  CHECK(tn->service_indicator() == "EC");
  CHECK(tn->country() == "VN");
  CHECK(*tn == *TrackingNumber::parse("ec 136 431 858 vn"));
  CHECK_FALSE(*tn == *TrackingNumber::parse("RR287043775IN"));
}

TEST_CASE("a generated number parses back to itself", "[domain][s10]") {
  auto [indicator, serial, country, expected] =
      GENERATE(table<std::string_view, std::uint32_t, std::string_view, std::string_view>({
          {"EC", 13643185, "VN", "EC136431858VN"},
          {"RR", 28704377, "IN", "RR287043775IN"},
          {"EB", 12345678, "VN", "EB123456785VN"},
          {"RR", 0, "VN", "RR000000005VN"},
          {"EZ", 99999999, "VN", ""},
          {"CP", 42, "VN", ""},
      }));
  CAPTURE(indicator, serial);
  auto made = TrackingNumber::from_serial(indicator, serial, country);
  REQUIRE(made.has_value());
  if (!expected.empty()) CHECK(made->str() == expected);
  CHECK(made->serial() == serial);
  CHECK(made->service_indicator() == indicator);
  CHECK(made->country() == country);
  auto parsed = TrackingNumber::parse(made->grouped());
  REQUIRE(parsed.has_value());
  CHECK(*parsed == *made);
}

TEST_CASE("from_serial defaults to Vietnam", "[domain][s10]") {
  auto made = TrackingNumber::from_serial("EC", 13643185);
  REQUIRE(made.has_value());
  CHECK(made->str() == "EC136431858VN");
}

TEST_CASE("from_serial refuses what cannot make an S10", "[domain][s10]") {
  auto [indicator, serial, country, code] =
      GENERATE(table<std::string_view, std::uint32_t, std::string_view, std::string_view>({
          {"E", 1, "VN", "invalid_service_indicator"},
          {"ec", 1, "VN", "invalid_service_indicator"},
          {"E1", 1, "VN", "invalid_service_indicator"},
          {"ECC", 1, "VN", "invalid_service_indicator"},
          {"EC", 100000000, "VN", "serial_exhausted"},
          {"EC", 4294967295u, "VN", "serial_exhausted"},
          {"EC", 1, "V", "invalid_country_code"},
          {"EC", 1, "vn", "invalid_country_code"},
      }));
  CAPTURE(indicator, serial, country);
  auto made = TrackingNumber::from_serial(indicator, serial, country);
  REQUIRE_FALSE(made.has_value());
  CHECK(made.error().errc == Errc::invalid);
  CHECK(made.error().code == code);
}

TEST_CASE("looks_like tells a tracking number from a dossier code", "[domain][s10]") {
  CHECK(TrackingNumber::looks_like("EB123456789VN"));  // shape only, bad check digit
  CHECK(TrackingNumber::looks_like(" ec 136 431 858 vn"));
  CHECK_FALSE(TrackingNumber::looks_like("000.00.19.H12-200101-0001"));
  CHECK_FALSE(TrackingNumber::looks_like("0912345678"));
}

TEST_CASE("a scanned text gives its tracking number, also from a tracking link", "[domain][s10]") {
  auto [text, expected] = GENERATE(table<std::string, std::string>({
      {"EC136431858VN", "EC136431858VN"},
      {"https://tracuu.example.vn/track/EC136431858VN", "EC136431858VN"},
      {"https://tracuu.example.vn/track/EC136431858VN?lang=en", "EC136431858VN"},
      {"https://tracuu.example.vn/track/EB123456789VN", ""},   // bad check digit
      {"https://tracuu.example.vn/about", ""},
      {"hello", ""},
  }));
  CAPTURE(text);
  auto tn = TrackingNumber::find_in(text);
  CHECK((tn ? std::string(tn->str()) : std::string()) == expected);
}
