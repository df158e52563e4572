// The derived facts computed once in domain: the address line, the phone's
// national forms, the hold and next-attempt days, and the manual clock.
#include <catch2/catch.hpp>

#include "tracker/domain/address.hpp"
#include "tracker/domain/admin_unit.hpp"
#include "tracker/domain/text.hpp"
#include "tracker/domain/clock.hpp"
#include "tracker/domain/deadline.hpp"
#include "tracker/domain/phone.hpp"
#include "tracker/domain/time.hpp"

using namespace tracker::domain;
using namespace std::chrono;

namespace {
Timestamp at(const char* rfc3339) { return *parse_rfc3339(rfc3339); }
}  // namespace

using Part = std::optional<std::string>;

Address written(Part line, Part commune, Part district, Part province) {
  Address a;
  a.line = std::move(line);
  a.commune = std::move(commune);
  a.district = std::move(district);
  a.province = std::move(province);
  return a;
}

Address two_tier(Part line, std::string commune, std::string commune_code, std::string province,
                 std::string province_code) {
  Address a = written(std::move(line), std::move(commune), std::nullopt, std::move(province));
  a.commune_code = std::move(commune_code);
  a.province_code = std::move(province_code);
  return a;
}

TEST_CASE("an address in one line leaves out the parts not given", "[domain][address]") {
  CHECK(written("Tổ 3", "Phường Đức Xuân", std::nullopt, "Thái Nguyên").one_line() ==
        "Tổ 3, Phường Đức Xuân, Thái Nguyên");
  CHECK(written(std::nullopt, "Xã Chợ Mới", "Huyện Chợ Mới", "Bắc Kạn").one_line() ==
        "Xã Chợ Mới, Huyện Chợ Mới, Bắc Kạn");
  CHECK(written("", "Phường Đức Xuân", std::nullopt, std::nullopt).one_line() == "Phường Đức Xuân");
  CHECK(Address{}.one_line().empty());
}

TEST_CASE("a two-tier address reads as a line of a letter, kind words in lower case", "[domain][address]") {
  auto a = two_tier("Tổ 5", "Phường Đức Xuân", "01840", "Tỉnh Thái Nguyên", "19");
  CHECK(a.two_tier());
  CHECK(a.one_line() == "Tổ 5, phường Đức Xuân, tỉnh Thái Nguyên");
  CHECK(two_tier(std::nullopt, "Đặc khu Côn Đảo", "26732", "Thành phố Hồ Chí Minh", "79").one_line() ==
        "đặc khu Côn Đảo, thành phố Hồ Chí Minh");
  // The written form stays as the citizen wrote it, capitals and all.
  CHECK_FALSE(written(std::nullopt, "Phường Đức Xuân", std::nullopt, std::nullopt).two_tier());
}

TEST_CASE("unit names compare without accents, case or kind words", "[domain][address]") {
  CHECK(search_key("  Phường   Đức Xuân ") == "phuong duc xuan");
  CHECK(search_key("ĐẶC KHU Côn Đảo") == "dac khu con dao");
  CHECK(unit_name_key("Phường Đức Xuân") == "duc xuan");
  CHECK(unit_name_key("P. Đức Xuân") == "duc xuan");
  CHECK(unit_name_key("duc xuan") == "duc xuan");
  CHECK(unit_name_key("Tỉnh Bắc Kạn") == "bac kan");
  CHECK(unit_name_key("TP. Hồ Chí Minh") == "ho chi minh");
  CHECK(unit_name_key("Thị trấn Chợ Mới") == "cho moi");
  CHECK(unit_name_key("Phường 1") == "1");
  CHECK(unit_name_key("Phường") == "phuong");  // a kind word alone is the name
  CHECK(is_commune_code("01840"));
  CHECK_FALSE(is_commune_code("1840"));
  CHECK(is_province_code("19"));
  CHECK_FALSE(is_province_code("1a"));
}

TEST_CASE("a phone number as written in Vietnam", "[domain][phone]") {
  auto p = PhoneNumber::parse("+84 912 345 678");
  REQUIRE(p);
  CHECK(p->national() == "0912345678");
  CHECK(p->national_grouped() == "0912 345 678");
  CHECK(p->e164() == "+84912345678");
}

TEST_CASE("a held item waits seven days, a failed attempt is retried the next working day",
          "[domain][deadline]") {
  CHECK(hold_until(at("2026-03-02T10:00:00+07:00")) == at("2026-03-09T10:00:00+07:00"));
  HolidayCalendar calendar({year{2026} / April / 30, year{2026} / May / 1});
  // Friday → Monday; Wednesday 29 April → Monday 4 May over two holidays and a weekend.
  CHECK(next_attempt_day(at("2026-03-06T16:00:00+07:00"), calendar) == year{2026} / March / 9);
  CHECK(next_attempt_day(at("2026-04-29T09:00:00+07:00"), calendar) == year{2026} / May / 4);
  // The Vietnam day counts: 23:30 UTC on Thursday is Friday in Vietnam.
  CHECK(next_attempt_day(at("2026-03-05T23:30:00Z"), calendar) == year{2026} / March / 9);
}

TEST_CASE("a manual clock stands still until moved", "[domain][clock]") {
  ManualClock clock(at("2026-03-02T08:00:00+07:00"));
  CHECK(clock.now() == at("2026-03-02T08:00:00+07:00"));
  clock.advance(hours(26));
  CHECK(clock.now() == at("2026-03-03T10:00:00+07:00"));
  clock.set(at("2027-01-01T00:00:00Z"));
  CHECK(clock.now() == at("2027-01-01T00:00:00Z"));
  auto a = tracker::domain::system_clock().now();
  CHECK(tracker::domain::system_clock().now() >= a);
}
