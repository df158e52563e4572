// The reports over HTTP on the real server: a data set computed by hand as
// JSON and as CSV (read back by Python's csv module), roles, bad ranges.
#include <catch2/catch.hpp>
#include <fstream>

#include "checks.hpp"
#include "report_world.hpp"

using namespace tracker::test;

namespace {

std::string ms(tracker::domain::Timestamp t) { return std::to_string(t.time_since_epoch().count()); }

std::string due(std::string_view day) { return ms(tracker::domain::local_end_of_day(*tracker::domain::parse_date(day))); }

std::string local_time(std::string_view local) {
  std::string t(local);
  return t.replace(10, 1, "T") + ":00+07:00";
}

// Shipments made through the API, then moved back to Mon 2026-03-02 ..
// Thu 03-05 (the API stamps creation with the clock); scans at past times.
struct MarchServer {
  TestServer server;
  World world = server.make_world();
  std::string a, b, c, d, r1, r2;

  MarchServer() {
    a = dossier("2026-03-02 08:00", "2026-03-03");
    b = dossier("2026-03-02 09:00", "2026-03-03");
    c = dossier("2026-03-03 10:00", "2026-03-04");
    d = dossier("2026-03-04 08:00", "2026-03-05");
    r1 = result("2026-03-02 14:00", "2026-03-03", "000.00.19.H12-260302-0001");
    r2 = result("2026-03-03 08:00", "2026-03-04", "000.00.19.H12-260303-0001");
    json::object recipient{{"recipient", {{"name", kCitizenName}, {"relation", "self"}, {"id_type", "cccd"}}}};
    scan(a, "delivered", "2026-03-03 10:00");   // on time, 26 h
    scan(b, "delivered", "2026-03-04 09:00");   // late, 48 h
    scan(c, "accepted", "2026-03-03 11:00");    // open, overdue; d: no scan, overdue
    scan(r1, "delivery_failed", "2026-03-03 09:00", {{"reason", "addressee_absent"}});  // on time, 19 h
    scan(r2, "delivered", "2026-03-05 10:00", recipient);                                // late, 50 h
  }

  std::string dossier(std::string_view created, std::string_view due_day) {
    auto tn = server.create_dossier_shipment(world.postal.token);
    backdate(tn, created, due_day);
    return tn;
  }
  std::string result(std::string_view created, std::string_view due_day, std::string_view code) {
    auto tn = str(server.create_shipment(world.clerk_dx.token, TestServer::result_body(code)), "/tracking_number");
    backdate(tn, created, due_day);
    return tn;
  }
  void backdate(const std::string& tn, std::string_view created, std::string_view due_day) {
    database_sql(server.db_path(), "UPDATE shipments SET created_at = " + ms(vn(created)) + ", due_at = " +
                                  due(due_day) + " WHERE tracking_number = '" + tn + "'");
  }
  void scan(const std::string& tn, std::string_view type, std::string_view local, const json::object& extra = {}) {
    auto r = server.scan(world.postal.token, tn, type, local_time(local), extra);
    INFO(r.body);
    REQUIRE(r.status == 201);
  }

  Response summary(std::string_view token, std::string_view query = "", Headers headers = {}) {
    return server.get("/api/v1/reports/summary?from=2026-03-02&to=2026-03-06" + std::string(query), token,
                      std::move(headers));
  }
};

// The rows of a CSV body as Python's csv module reads them (BOM stripped by
// the utf-8-sig codec).
std::vector<std::vector<std::string>> python_csv(const std::string& body) {
  TempDir dir;
  auto file = dir.file("report.csv");
  std::ofstream(file, std::ios::binary) << body;
  auto run = run_command({"/usr/bin/python3", "-c",
                          "import csv, json, sys\n"
                          "with open(sys.argv[1], encoding='utf-8-sig', newline='') as f:\n"
                          "    print(json.dumps(list(csv.reader(f))))\n",
                          file});
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  std::vector<std::vector<std::string>> rows;
  auto parsed = boost::json::parse(run.out);
  for (const auto& row : parsed.as_array()) {
    rows.emplace_back();
    for (const auto& cell : row.as_array()) rows.back().emplace_back(cell.as_string());
  }
  return rows;
}

}  // namespace

TEST_CASE("summary as JSON: per office and leg as computed by hand", "[reports][e2e]") {
  MarchServer m;
  auto r = m.summary(m.server.admin_token());
  INFO(r.body);
  REQUIRE(r.status == 200);
  auto doc = r.json();
  CHECK(str(doc, "/from") == "2026-03-02");
  REQUIRE(count(doc, "/offices") == 2);  // UBND-SN created nothing
  CHECK(str(doc, "/offices/0/office/code") == kPostOffice);
  CHECK(str(doc, "/offices/1/office/code") == kAgencyDx);
  // BK-DX-PO dossiers: 1 on time / (2 ended + 2 overdue); median of 26 h and 48 h.
  auto dossiers = at(doc, "/offices/0/legs/0");
  CHECK(str(dossiers, "/leg") == "dossier");
  CHECK(at(dossiers, "/shipments").to_number<int>() == 4);
  CHECK(at(dossiers, "/ended").to_number<int>() == 2);
  CHECK(at(dossiers, "/on_time").to_number<int>() == 1);
  CHECK(at(dossiers, "/late").to_number<int>() == 1);
  CHECK(at(dossiers, "/open").to_number<int>() == 2);
  CHECK(at(dossiers, "/overdue").to_number<int>() == 2);
  CHECK(at(dossiers, "/on_time_rate").to_number<double>() == Approx(0.25));
  CHECK(at(dossiers, "/median_transit_hours").to_number<double>() == Approx(37.0));
  CHECK(at(dossiers, "/by_status/delivered").to_number<int>() == 2);
  CHECK(at(dossiers, "/by_status/accepted").to_number<int>() == 1);
  CHECK(at(dossiers, "/by_status/created").to_number<int>() == 1);
  // UBND-DX results: the failed attempt ended r1's leg in time; 19 h and 50 h.
  auto results = at(doc, "/offices/1/legs/1");
  CHECK(at(results, "/ended").to_number<int>() == 2);
  CHECK(at(results, "/on_time_rate").to_number<double>() == Approx(0.5));
  CHECK(at(results, "/median_transit_hours").to_number<double>() == Approx(34.5));
  CHECK(at(results, "/by_status/delivery_failed").to_number<int>() == 1);
  CHECK(at(doc, "/offices/1/legs/0/on_time_rate").is_null());
  CHECK(at(doc, "/totals/legs/0/shipments").to_number<int>() == 4);
}

TEST_CASE("summary as CSV: a BOM and a Vietnamese header and a row per office and leg", "[reports][e2e][csv]") {
  MarchServer m;
  auto r = m.summary(m.server.admin_token(), "", {{"Accept", "text/csv"}});
  REQUIRE(r.status == 200);
  CHECK(starts_with(r.header("content-type"), "text/csv"));
  CHECK(starts_with(r.body, "\xEF\xBB\xBF"));
  CHECK(r.header("content-disposition").find("tong-hop-2026-03-02-2026-03-06.csv") != std::string::npos);
  auto rows = python_csv(r.body);
  REQUIRE(rows.size() == 1 + 4 + 2);  // header, 2 offices x 2 legs, totals
  CHECK(rows[0][0] == "Mã đơn vị (Office code)");
  CHECK(rows[0][10] == "Tỷ lệ đúng hạn % (On-time rate %)");
  CHECK(rows[0][11] == "Thời gian vận chuyển trung vị, giờ (Median transit hours)");  // quoted: has a comma
  CHECK(rows[0][12] == "Đã tạo, chờ nhận gửi (Created, awaiting acceptance)");
  for (const auto& row : rows) CHECK(row.size() == rows[0].size());
  CHECK(std::vector<std::string>(rows[1].begin(), rows[1].begin() + 12) ==
        std::vector<std::string>{std::string(kPostOffice), "Bưu điện phường Đức Xuân", "Hồ sơ (dossier)", "4", "0",
                                 "2", "1", "1", "2", "2", "25.0", "37.0"});
  auto column = [&](std::string_view name) {
    return static_cast<std::size_t>(std::find(rows[0].begin(), rows[0].end(), name) - rows[0].begin());
  };
  CHECK(rows[1].at(column("Phát thành công (Delivered)")) == "2");
  CHECK(rows[1].at(column("Đã nhận gửi (Accepted)")) == "1");
  CHECK(rows[1].at(column("Đã hủy (Cancelled)")) == "0");
  CHECK(rows[4][0] == kAgencyDx);
  CHECK(rows[4][2] == "Kết quả (result)");
  CHECK(rows[4][10] == "50.0");
  CHECK(rows[4][11] == "34.5");
  CHECK(rows[5][1] == "Tổng cộng (Total)");
  // ?format=csv for a plain download link.
  auto linked = m.summary(m.server.admin_token(), "&format=csv");
  CHECK(linked.body == r.body);
}

TEST_CASE("overdue over HTTP: oldest first in keyset pages and as CSV", "[reports][e2e][csv]") {
  MarchServer m;
  auto first = m.server.get("/api/v1/reports/overdue?limit=1", m.server.admin_token());
  INFO(first.body);
  REQUIRE(first.status == 200);
  REQUIRE(count(first.json(), "/items") == 1);
  CHECK(str(first.json(), "/items/0/tracking_number") == m.c);
  CHECK(str(first.json(), "/items/0/office/code") == kPostOffice);
  CHECK(str(first.json(), "/items/0/agency/code") == kAgencyDx);
  CHECK(str(first.json(), "/items/0/due_at") == "2026-03-04T23:59:59+07:00");
  CHECK(at(first.json(), "/items/0/days_overdue").to_number<int>() > 100);
  auto cursor = str(first.json(), "/next_cursor");
  auto second = m.server.get("/api/v1/reports/overdue?limit=1&cursor=" + url_encode(cursor), m.server.admin_token());
  REQUIRE(second.status == 200);
  CHECK(str(second.json(), "/items/0/tracking_number") == m.d);
  CHECK(at(second.json(), "/next_cursor").is_null());

  auto csv = m.server.get("/api/v1/reports/overdue", m.server.admin_token(), {{"Accept", "text/csv, */*;q=0.1"}});
  REQUIRE(csv.status == 200);
  auto rows = python_csv(csv.body);
  REQUIRE(rows.size() == 3);
  CHECK(rows[0][0] == "Số hiệu bưu gửi (Tracking number)");
  CHECK(rows[1][0] == m.c);
  CHECK(rows[2][0] == m.d);
  CHECK(rows[2][4] == "Bưu điện phường Đức Xuân");

  check_problem(m.server.get("/api/v1/reports/overdue?cursor=abc", m.server.admin_token()), 422);
  check_problem(m.server.get("/api/v1/reports/overdue?limit=0", m.server.admin_token()), 422);
}

TEST_CASE("reports: clerks and postal workers 403 and a supervisor sees its own office only", "[reports][e2e][roles]") {
  MarchServer m;
  for (const auto* user : {&m.world.clerk_dx, &m.world.postal}) {
    CAPTURE(user->username);
    check_problem(m.summary(user->token), 403);
    check_problem(m.server.get("/api/v1/reports/overdue", user->token), 403);
  }
  auto own = m.summary(m.world.supervisor.token);
  REQUIRE(own.status == 200);
  REQUIRE(count(own.json(), "/offices") == 1);
  CHECK(str(own.json(), "/offices/0/office/code") == kPostOffice);
  check_problem(m.summary(m.world.supervisor.token, "&office=" + std::string(kAgencyDx)), 403);
  auto overdue = m.server.get("/api/v1/reports/overdue", m.world.supervisor.token);
  REQUIRE(overdue.status == 200);
  CHECK(each(overdue.json(), "/items", "tracking_number") == std::multiset<std::string>{m.c, m.d});

  auto agency_supervisor = m.server.create_user("supervisor.ubnd", "supervisor", kAgencyDx);
  auto theirs = m.summary(agency_supervisor.token);
  REQUIRE(theirs.status == 200);
  REQUIRE(count(theirs.json(), "/offices") == 1);
  CHECK(str(theirs.json(), "/offices/0/office/code") == kAgencyDx);
  CHECK(at(theirs.json(), "/totals/legs/1/shipments").to_number<int>() == 2);
  auto none = m.server.get("/api/v1/reports/overdue", agency_supervisor.token);
  CHECK(count(none.json(), "/items") == 0);
}

TEST_CASE("a summary period is two real dates with from <= to and at most 400 days", "[reports][e2e]") {
  MarchServer m;
  auto [query, code] = GENERATE(table<std::string_view, std::string_view>({
      {"from=2026-03-06&to=2026-03-02", "from_after_to"},
      {"from=2025-01-01&to=2026-02-05", "period_too_long"},
      {"from=2026-02-30&to=2026-03-02", "validation_failed"},
      {"from=2099-01-01", "from_after_to"},  // without `to`: today
      {"from=2026-03-02&to=03/06/2026", "validation_failed"},
  }));
  CAPTURE(query);
  auto r = m.server.get("/api/v1/reports/summary?" + std::string(query), m.server.admin_token());
  check_problem(r, 422);
  CHECK(str(r.json(), "/code") == code);
  CHECK(m.server.get("/api/v1/reports/summary?from=2025-01-01&to=2026-02-04", m.server.admin_token()).status == 200);
}

TEST_CASE("a summary without dates covers the last 30 days up to today", "[reports][e2e]") {
  MarchServer m;
  auto today = tracker::domain::local_date(tracker::domain::system_clock().now());
  auto r = m.server.get("/api/v1/reports/summary", m.server.admin_token());
  REQUIRE(r.status == 200);
  CHECK(str(r.json(), "/to") == tracker::domain::format_date(today));
  CHECK(str(r.json(), "/from") ==
        tracker::domain::format_date(std::chrono::year_month_day(std::chrono::sys_days(today) - std::chrono::days(29))));
  auto until = m.server.get("/api/v1/reports/summary?to=2026-03-06", m.server.admin_token());
  REQUIRE(until.status == 200);
  CHECK(str(until.json(), "/from") == "2026-02-05");
}
