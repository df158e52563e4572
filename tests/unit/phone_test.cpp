#include "tracker/domain/phone.hpp"

#include <catch2/catch.hpp>

using tracker::domain::Errc;
using tracker::domain::PhoneNumber;

TEST_CASE("Vietnamese mobile numbers are stored in E.164", "[domain][phone]") {
  auto [text, e164] = GENERATE(table<std::string_view, std::string_view>({
      {"0912345678", "+84912345678"},
      {"+84912345678", "+84912345678"},
      {"84 912 345 678", "+84912345678"},
      {"091.234.5678", "+84912345678"},
      {"0912-345-678", "+84912345678"},
      {" +84 91 234 5678 ", "+84912345678"},
      {"0312345678", "+84312345678"},
      {"0512345678", "+84512345678"},
      {"0712345678", "+84712345678"},
      {"0862345678", "+84862345678"},
      {"+84 389 999 000", "+84389999000"},
  }));
  CAPTURE(text);
  auto phone = PhoneNumber::parse(text);
  REQUIRE(phone.has_value());
  CHECK(phone->e164() == e164);
}

TEST_CASE("what is not a Vietnamese mobile number is refused", "[domain][phone]") {
  auto text = GENERATE(as<std::string_view>{},
                       "0212345678",   // landline prefix
                       "091234567",    // 9 digits
                       "09123456789",  // 11 digits
                       "0012345678", "0112345678", "0412345678", "0612345678",
                       "+84212345678",   // landline after +84
                       "+8491234567",    // 8 digits after +84
                       "+849123456789",  // 10 digits after +84
                       "84912345678x", "8491234567", "+85912345678", "912345678",
                       "+84 (91) 234 5678", "", "0912345678 ext 2", "+840912345678");
  CAPTURE(text);
  auto phone = PhoneNumber::parse(text);
  REQUIRE_FALSE(phone.has_value());
  CHECK(phone.error().errc == Errc::invalid);
  CHECK(phone.error().code == "invalid_phone");
  REQUIRE(phone.error().fields.size() == 1);
  CHECK(phone.error().fields[0].field == "phone");
  CHECK(phone.error().fields[0].code == "invalid_phone");
}

TEST_CASE("a phone number is shown masked, or by its last 4 digits", "[domain][phone]") {
  auto phone = PhoneNumber::parse("0912345678");
  REQUIRE(phone.has_value());
  CHECK(phone->last4() == "5678");
  CHECK(phone->masked() == "+84 9** *** 678");

  std::string masked = phone->masked();
  int hidden = 0;
  for (char c : masked) hidden += c == '*';
  CHECK(hidden >= 5);
  for (std::string_view secret : {"1234", "2345", "12345"}) {
    CHECK(masked.find(secret) == std::string::npos);
  }
}

TEST_CASE("equal numbers written differently are equal", "[domain][phone]") {
  auto a = PhoneNumber::parse("0912345678");
  auto b = PhoneNumber::parse("+84 912 345 678");
  REQUIRE((a && b));
  CHECK(*a == *b);
}
