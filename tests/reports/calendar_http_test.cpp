// The holiday calendar over HTTP: any staff member reads it, an admin
// replaces it, and new shipments' deadlines skip the new holidays while
// existing ones keep theirs.
#include <catch2/catch.hpp>

#include "checks.hpp"
#include "report_world.hpp"

using namespace tracker::test;
using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year_month_day;

namespace {

bool weekday(sys_days d) {
  std::chrono::weekday w{d};
  return w != std::chrono::Saturday && w != std::chrono::Sunday;
}

json::object holidays(const std::vector<std::pair<std::string, std::string>>& days) {
  json::array items;
  for (const auto& [day, name] : days) items.push_back(json::object{{"day", day}, {"name", name}});
  return {{"items", std::move(items)}};
}

Response put(TestServer& server, const json::value& body, std::string_view token) {
  return server.request("PUT", "/api/v1/calendar/holidays", json::serialize(body), token);
}

std::string repeat(std::string_view s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

}  // namespace

TEST_CASE("any staff member reads the holidays and only an admin replaces them", "[reports][e2e][calendar]") {
  TestServer server;
  auto world = server.make_world();
  auto r = server.get("/api/v1/calendar/holidays", world.clerk_dx.token);
  REQUIRE(r.status == 200);
  CHECK(mentions(r.json(), "2026-02-17"));
  CHECK(mentions(r.json(), "Tết Nguyên đán"));
  CHECK(server.get("/api/v1/calendar/holidays", "").status == 401);

  auto body = holidays({{"2027-02-06", "Tết Nguyên đán"}});
  for (const auto* user : {&world.clerk_dx, &world.postal, &world.supervisor}) {
    CAPTURE(user->username);
    check_problem(put(server, body, user->token), 403);
  }
  CHECK(server.get("/api/v1/calendar/holidays").body == r.body);  // unchanged
}

TEST_CASE("a holiday list is checked whole: dates and names and duplicates and at most 200", "[reports][e2e][calendar]") {
  TestServer server;
  std::vector<std::pair<std::string, std::string>> many;
  for (sys_days d = sys_days(year_month_day{std::chrono::year{2030}, std::chrono::January, std::chrono::day{1}});
       many.size() < 201; d += days(1)) {
    many.emplace_back(tracker::domain::format_date(year_month_day{d}), "Nghỉ");
  }
  struct Case {
    std::string name;
    json::object body;
    std::string field;
  };
  const std::vector<Case> cases = {
      {"not a date", holidays({{"2027-02-30", "Tết"}}), "items[0].day"},
      {"a name of 101 characters", holidays({{"2027-02-06", repeat("ệ", 101)}}), "items[0].name"},
      {"an empty name", holidays({{"2027-02-06", ""}}), "items[0].name"},
      {"a day twice", holidays({{"2027-02-06", "Tết"}, {"2027-02-06", "Tết"}}), "items[1].day"},
      {"201 days", holidays(many), "items"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    auto r = put(server, c.body, server.admin_token());
    check_problem(r, 422);
    CHECK(str(r.json(), "/errors/0/field") == c.field);
  }
  check_problem(put(server, json::object{{"items", "2027-02-06"}}, server.admin_token()), 400);

  many.pop_back();
  many.back().second = repeat("ệ", 100);  // 100 characters, 300 bytes
  auto ok = put(server, holidays(many), server.admin_token());
  INFO(ok.body.substr(0, 300));
  REQUIRE(ok.status == 200);
  CHECK(count(ok.json(), "/items") == 200);
  CHECK(count(server.get("/api/v1/calendar/holidays").json(), "/items") == 200);
}

TEST_CASE("after a PUT new shipments' deadlines skip the new holidays and old ones keep theirs",
          "[reports][e2e][calendar]") {
  TestServer server;
  auto world = server.make_world();
  auto before = server.create_dossier_shipment(world.postal.token);  // local route: J+1
  auto before_due = str(server.shipment(before), "/due_at");

  // The next three weekdays (Vietnam days) become holidays, given unsorted.
  auto today = sys_days(tracker::domain::local_date(std::chrono::time_point_cast<std::chrono::milliseconds>(
      std::chrono::system_clock::now())));
  std::vector<sys_days> off;
  for (sys_days d = today + days(1); off.size() < 3; d += days(1)) {
    if (weekday(d)) off.push_back(d);
  }
  sys_days expected = off.back() + days(1);
  while (!weekday(expected)) expected += days(1);
  auto day = [](sys_days d) { return tracker::domain::format_date(year_month_day{d}); };
  auto r = put(server, holidays({{day(off[2]), "Nghỉ lễ thử 3"}, {day(off[0]), "Nghỉ lễ thử 1"}, {day(off[1]), "Nghỉ lễ thử 2"}}),
               server.admin_token());
  INFO(r.body);
  REQUIRE(r.status == 200);
  CHECK(each(r.json(), "/items", "day") == std::multiset<std::string>{day(off[0]), day(off[1]), day(off[2])});
  CHECK(str(r.json(), "/items/0/day") == day(off[0]));  // by day
  CHECK(str(r.json(), "/items/0/name") == "Nghỉ lễ thử 1");

  auto after = server.create_dossier_shipment(world.postal.token);
  CHECK(str(server.shipment(after), "/due_at") ==
        tracker::domain::format_rfc3339(tracker::domain::local_end_of_day(year_month_day{expected})));
  CHECK(str(server.shipment(before), "/due_at") == before_due);  // not recomputed
  CHECK(server.get("/api/v1/calendar/holidays", world.postal.token).body == r.body);
}
