// The public lookup: anyone with a tracking number or a dossier code sees the
// timeline in Vietnamese, and never the citizen's personal data.
#include <catch2/catch.hpp>
#include <set>

#include "checks.hpp"

using namespace tracker::test;
using namespace std::chrono_literals;

namespace {

constexpr std::string_view kDossierCode = "000.00.19.H12-261127-0001";

const std::set<std::string> kStatusTexts = {"Đã nhận gửi",     "Đang vận chuyển",
                                            "Đang phát",       "Phát không thành công",
                                            "Phát thành công", "Chuyển hoàn"};

// The citizen's data in every form a leak could take.
const std::vector<std::string> kPersonalData = {
    std::string(kCitizenName),
    "Nguyễn",
    "Văn An",
    std::string(kCitizenPhone),
    "912345678",  // also inside +84912345678 and 84912345678
    "0912 345 678",
    "091 234 5678",
    "0912.345.678",
    std::string(kCitizenEmail),
    std::string(kCitizenAddressLine),
};

void check_no_personal_data(const json::value& answer) {
  for (const auto& secret : kPersonalData) {
    CAPTURE(secret);
    CHECK_FALSE(mentions(answer, secret));
  }
}

// A dossier delivered to UBND-DX with its code, and its result, created.
struct Case {
  std::string dossier;
  std::string result;
};

Case deliver_dossier_and_create_result(TestServer& server, const World& world) {
  Case c;
  c.dossier = server.create_dossier_shipment(world.postal.token);
  for (auto [type, ago] : {std::pair{"accepted", 120min}, std::pair{"dispatched", 100min},
                           std::pair{"arrived", 80min}}) {
    if (server.scan(world.postal.token, c.dossier, type, hanoi_time_ago(ago)).status != 201) {
      throw std::runtime_error(std::string("scan ") + type + " refused");
    }
  }
  if (server
          .scan(world.clerk_dx.token, c.dossier, "delivered", hanoi_time_ago(60min),
                {{"dossier_code", kDossierCode}})
          .status != 201) {
    throw std::runtime_error("delivered refused");
  }
  c.result =
      str(server.create_shipment(world.clerk_dx.token, TestServer::result_body(kDossierCode)),
          "/tracking_number");
  return c;
}

}  // namespace

TEST_CASE("a citizen looks a shipment up by its number typed in lower case with spaces",
          "[e2e][lookup]") {
  TestServer server;
  auto world = server.make_world();
  auto c = deliver_dossier_and_create_result(server, world);
  const auto typed = spaced_lower_case(c.dossier);  // "ec 136 431 858 vn"
  CAPTURE(c.dossier, typed);

  auto r = server.get("/api/v1/track/" + url_encode(typed), "");
  INFO(r.body);
  REQUIRE(r.status == 200);
  auto answer = r.json();
  REQUIRE(count(answer, "/shipments") == 1);
  CHECK(str(answer, "/shipments/0/tracking_number") == c.dossier);
  CHECK(str(answer, "/shipments/0/kind") == "dossier");
  CHECK(str(answer, "/shipments/0/status") == "delivered");
  CHECK(kStatusTexts.count(str(answer, "/shipments/0/status_text")) == 1);
  REQUIRE(count(answer, "/shipments/0/events") == 4);
  CHECK_FALSE(str(answer, "/shipments/0/events/0/text").empty());
  CHECK_FALSE(str(answer, "/shipments/0/events/0/office/name").empty());
  CHECK(is_hanoi_rfc3339(str(answer, "/shipments/0/events/0/occurred_at")));
  check_no_personal_data(answer);
}

TEST_CASE("the last four digits of the phone unlock the masked name", "[e2e][lookup]") {
  TestServer server;
  auto world = server.make_world();
  auto c = deliver_dossier_and_create_result(server, world);
  CAPTURE(c.dossier);

  auto unlocked = server.get("/api/v1/track/" + c.dossier + "?phone_last4=5678", "");
  INFO(unlocked.body);
  REQUIRE(unlocked.status == 200);
  auto answer = unlocked.json();
  CHECK(mentions(answer, kCitizenMaskedName));
  CHECK(mentions(answer, kProcedureName));
  CHECK_FALSE(mentions(answer, kCitizenName));
  CHECK_FALSE(mentions(answer, "912345678"));
  CHECK_FALSE(mentions(answer, kCitizenEmail));
  CHECK_FALSE(mentions(answer, kCitizenAddressLine));

  auto wrong = server.get("/api/v1/track/" + c.dossier + "?phone_last4=0000", "");
  REQUIRE(wrong.status == 200);
  check_no_personal_data(wrong.json());
}

TEST_CASE("a lookup by dossier code shows the dossier and its result", "[e2e][lookup]") {
  TestServer server;
  auto world = server.make_world();
  auto c = deliver_dossier_and_create_result(server, world);

  auto r = server.get("/api/v1/track/" + std::string(kDossierCode), "");
  INFO(r.body);
  REQUIRE(r.status == 200);
  auto answer = r.json();
  CHECK(each(answer, "/shipments", "tracking_number") ==
        std::multiset<std::string>{c.dossier, c.result});
  check_no_personal_data(answer);
}

TEST_CASE("a lookup of a wrong number says why", "[e2e][lookup]") {
  TestServer server;

  SECTION("a bad check digit is 422 with a hint") {
    auto r = server.get("/api/v1/track/EB123456789VN", "");
    check_problem(r, 422);
    CHECK_FALSE(str(r.json(), "/detail").empty());
  }
  SECTION("a valid number nobody issued is 404") {
    check_problem(server.get("/api/v1/track/" + make_s10("EC", 13643185), ""), 404);
  }
}

TEST_CASE("anonymous lookups are rate limited per client", "[e2e][lookup]") {
  TestServer server;
  const auto unknown = "/api/v1/track/" + make_s10("EC", 13643185);

  std::vector<Response> answers;
  for (int i = 0; i < 200; ++i) {
    answers.push_back(server.get(unknown, ""));
    if (answers.back().status == 429) break;
  }
  INFO(answers.size() << " lookups");
  REQUIRE(answers.back().status == 429);
  CHECK(answers.size() > 60);  // the default is 60 a minute
  CHECK(answers.back().has_header("retry-after"));
  check_problem(answers.back(), 429);
}
