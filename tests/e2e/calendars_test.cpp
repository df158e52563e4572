// The calendars and the J+n table over HTTP: read by staff, replaced whole by
// an admin, bad entries refused naming the field with nothing written, and a
// provisional year shown in /readyz and /metrics while it is in use.
#include <catch2/catch.hpp>
#include <boost/json/serialize.hpp>
#include <chrono>
#include <cstdio>
#include <map>

#include "checks.hpp"

using namespace tracker::test;

namespace {

int this_year() {
  auto now = std::chrono::system_clock::now() + std::chrono::hours(7);  // Vietnam time
  return static_cast<int>(std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(now)}.year());
}

}  // namespace

TEST_CASE("the shipped calendars hold 2026 as decided and 2027 as provisional", "[e2e][calendar]") {
  TestServer server;
  auto world = server.make_world();
  for (const char* name : {"civil_service", "postal"}) {
    CAPTURE(name);
    auto r = server.get(std::string("/api/v1/calendars/") + name, world.clerk_dx.token);
    REQUIRE(r.status == 200);
    auto c = r.json();
    std::map<std::string, std::string> kinds;
    for (const auto& d : at(c, "/days").as_array()) {
      kinds[str(d, "/date")] = str(d, "/kind");
      CHECK_FALSE(str(d, "/name").empty());
      CHECK_FALSE(str(d, "/source").empty());
    }
    CHECK(kinds["2026-11-24"] == "holiday");
    CHECK(kinds["2026-04-27"] == "compensatory_off");
    CHECK(kinds["2026-08-31"] == "compensatory_off");
    CHECK(kinds["2026-01-10"] == "makeup_workday");
    CHECK(kinds["2026-08-22"] == "makeup_workday");
    CHECK(at(c, "/provisional_years") == json::array{2027});
  }
  CHECK(server.get("/api/v1/calendars/lunar", world.clerk_dx.token).status == 404);
  CHECK(server.get("/api/v1/calendars/postal", "").status == 401);

  auto deadlines = server.get("/api/v1/deadlines", world.clerk_dx.token);
  REQUIRE(deadlines.status == 200);
  CHECK(each(deadlines.json(), "/routes", "route") ==
        std::multiset<std::string>{"same_commune", "intra_province", "inter_city", "inter_province"});
}

TEST_CASE("an admin replaces a calendar whole, bad entries are refused and nothing changes", "[e2e][calendar]") {
  TestServer server;
  auto world = server.make_world();
  auto before = server.get("/api/v1/calendars/civil_service").body;
  auto refused = [&](const std::string& body, const char* field) {
    auto r = server.request("PUT", "/api/v1/calendars/civil_service", body, server.admin_token());
    CHECK(r.status == 422);
    CHECK_THAT(r.body, Catch::Contains(field));
  };
  refused(R"({"days": [{"date": "2026-02-30", "kind": "holiday", "name": "x"}]})", "days[0].date");
  refused(R"({"days": [{"date": "2026-02-17", "kind": "vacation", "name": "x"}]})", "days[0].kind");
  refused(R"({"days": [{"date": "2026-01-12", "kind": "makeup_workday", "name": "Thứ Hai"}]})", "days[0].kind");
  refused(R"({"days": [{"date": "2026-02-17", "kind": "holiday", "name": ""}]})", "days[0].name");
  refused(R"({"days": [{"date": "2026-02-17", "kind": "holiday", "name": "a"},
                       {"date": "2026-02-17", "kind": "holiday", "name": "b"}]})", "days[1].date");
  refused(R"({"days": [], "provisional_years": [1999]})", "provisional_years[0]");
  CHECK(server.request("PUT", "/api/v1/calendars/civil_service", R"({"days": 3})", server.admin_token()).status == 400);
  CHECK(server.request("PUT", "/api/v1/calendars/civil_service", R"({"days": []})", world.clerk_dx.token).status == 403);
  CHECK(server.get("/api/v1/calendars/civil_service").body == before);

  auto put = server.request("PUT", "/api/v1/calendars/civil_service",
                            R"({"days": [{"date": "2027-02-05", "kind": "holiday", "name": "Tết Nguyên đán", "source": "thử"}],
                                "provisional_years": []})",
                            server.admin_token());
  REQUIRE(put.status == 200);
  CHECK(count(put.json(), "/days") == 1);
  CHECK(server.get("/api/v1/calendars/civil_service").body == put.body);
  CHECK(run_tracker({"audit", "verify", "--db", server.db_path()}).exit_code == 0);
}

TEST_CASE("a provisional year in use is a warning in /readyz and a metric", "[e2e][calendar]") {
  TestServer server;
  auto set_provisional = [&](const std::string& years) {
    auto current = server.get("/api/v1/calendars/postal").json();
    json::object body{{"days", at(current, "/days")}, {"provisional_years", json::parse(years)}};
    REQUIRE(server.request("PUT", "/api/v1/calendars/postal", json::serialize(body), server.admin_token()).status == 200);
    auto civil = server.get("/api/v1/calendars/civil_service").json();
    body["days"] = at(civil, "/days");
    REQUIRE(server.request("PUT", "/api/v1/calendars/civil_service", json::serialize(body), server.admin_token()).status ==
            200);
  };
  set_provisional("[" + std::to_string(this_year()) + "]");
  auto ready = server.get("/readyz", "");
  REQUIRE(ready.status == 200);
  CHECK(at(ready.json(), "/details/calendar/provisional_years") == json::array{this_year()});
  CHECK_THAT(str(ready.json(), "/details/calendar/warning"), Catch::Contains("tạm tính"));
  CHECK_THAT(server.get("/metrics", "").body, Catch::Contains("tracker_calendar_provisional_years 1\n"));

  set_provisional("[]");
  CHECK(at(server.get("/readyz", "").json(), "/details").as_object().empty());
  CHECK_THAT(server.get("/metrics", "").body, Catch::Contains("tracker_calendar_provisional_years 0\n"));
}

TEST_CASE("an office works by the calendar an admin chooses for it", "[e2e][calendar][offices]") {
  using std::chrono::days;
  using std::chrono::sys_days;
  TestServer server;
  auto world = server.make_world();
  auto offices = server.get("/api/v1/offices").json();
  std::map<std::string, std::string> calendar_of;
  for (const auto& o : at(offices, "/items").as_array()) calendar_of[str(o, "/code")] = str(o, "/calendar");
  CHECK(calendar_of[std::string(kPostOffice)] == "postal");
  CHECK(calendar_of[std::string(kAgencyDx)] == "civil_service");
  auto before = str(server.shipment(server.create_dossier_shipment(world.postal.token)), "/due_at");

  // The civil service takes the next three weekdays off (Vietnam days).
  auto today = std::chrono::floor<days>(std::chrono::system_clock::now() + std::chrono::hours(7));
  auto weekday = [](sys_days d) {
    auto w = std::chrono::weekday{d};
    return w != std::chrono::Saturday && w != std::chrono::Sunday;
  };
  auto date = [](sys_days d) {
    std::chrono::year_month_day ymd{d};
    char text[11];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    return std::string(text);
  };
  std::vector<sys_days> off;
  for (sys_days d = today + days(1); off.size() < 3; d += days(1)) {
    if (weekday(d)) off.push_back(d);
  }
  json::array entries;
  for (auto d : off) {
    entries.push_back(json::object{{"date", date(d)},
                                   {"kind", "holiday"}, {"name", "Nghỉ thử"}, {"source", "thử nghiệm"}});
  }
  REQUIRE(server.request("PUT", "/api/v1/calendars/civil_service",
                         json::serialize(json::object{{"days", entries}, {"provisional_years", json::array{}}}),
                         server.admin_token())
              .status == 200);
  // Not this post office's calendar: its deadlines stay.
  CHECK(str(server.shipment(server.create_dossier_shipment(world.postal.token)), "/due_at") == before);

  const std::string office = "/api/v1/offices/" + std::string(kPostOffice);
  auto chosen = server.request("PATCH", office, R"({"calendar": "civil_service"})", server.admin_token());
  REQUIRE(chosen.status == 200);
  CHECK(str(chosen.json(), "/calendar") == "civil_service");
  sys_days expected = off.back() + days(1);
  while (!weekday(expected)) expected += days(1);
  // due_at is the end of that day in Vietnam's time.
  CHECK(str(server.shipment(server.create_dossier_shipment(world.postal.token)), "/due_at").substr(0, 10) ==
        date(expected));

  auto refused = server.request("PATCH", office, R"({"calendar": "lunar"})", server.admin_token());
  CHECK(refused.status == 422);
  CHECK_THAT(refused.body, Catch::Contains("calendar"));
  auto reset = server.request("PATCH", office, R"({"calendar": null})", server.admin_token());
  REQUIRE(reset.status == 200);
  CHECK(str(reset.json(), "/calendar") == "postal");
  CHECK(str(server.shipment(server.create_dossier_shipment(world.postal.token)), "/due_at") == before);
  CHECK(run_tracker({"audit", "verify", "--db", server.db_path()}).exit_code == 0);
}
