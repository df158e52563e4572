// The administrative units of 2025 through the API: every commune of the
// shared list (../shared/data/admin-units-2025, read here, never copied) is
// served with its code, name, kind and province; names are found without
// accents or case; addresses name units by code, and an address in the old
// three-level form is kept as written with the unit(s) it means today.
#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <sstream>

#include "checks.hpp"
#include "shared_csv.hpp"

using namespace tracker::test;

namespace {

// The rows of one of the shared CSV files (no quoted fields in them), header skipped.

std::set<std::string> codes_of(const json::value& page) {
  auto list = each(page, "/items", "code");
  return {list.begin(), list.end()};
}

}  // namespace

TEST_CASE("every commune of the 2025 list is served with its code, name, kind and province", "[e2e][units]") {
  TestServer server;
  std::map<std::string, std::string> expected;  // code → "name|kind|province code|province name"
  for (const auto& r : shared_csv("admin-units-2025/communes.csv")) expected[r[2]] = r[3] + "|" + r[4] + "|" + r[0] + "|" + r[1];
  REQUIRE(expected.size() == 3321);

  std::map<std::string, std::string> served;
  std::string cursor;
  int pages = 0;
  for (;;) {
    auto r = server.get("/api/v1/units?limit=500" + (cursor.empty() ? "" : "&cursor=" + cursor), "");
    REQUIRE(r.status == 200);
    auto page = r.json();
    for (const auto& item : at(page, "/items").as_array()) {
      served[str(item, "/code")] = str(item, "/name") + "|" + str(item, "/kind") + "|" + str(item, "/province/code") +
                                   "|" + str(item, "/province/name");
    }
    ++pages;
    if (at(page, "/next_cursor").is_null()) break;
    cursor = str(page, "/next_cursor");
    REQUIRE(pages < 20);
  }
  CHECK(pages == 7);
  CHECK(served == expected);

  std::set<std::string> provinces;
  for (const auto& r : shared_csv("admin-units-2025/provinces.csv")) provinces.insert(r[0]);
  CHECK(provinces.size() == 34);
  for (const auto& code : provinces) {
    auto r = server.get("/api/v1/units?limit=1&province=" + code, "");
    CHECK(r.status == 200);
    CHECK(count(r.json(), "/items") == 1);
  }
}

TEST_CASE("units are found by name without accents or case, or by code", "[e2e][units]") {
  TestServer server;
  auto find = [&](const std::string& query) {
    auto r = server.get("/api/v1/units?" + query, "");
    REQUIRE(r.status == 200);
    return r.json();
  };
  auto duc_xuan = find("province=19&q=%C4%91%E1%BB%A9c%20xu%C3%A2n");  // "đức xuân"
  REQUIRE(count(duc_xuan, "/items") == 1);
  CHECK(str(duc_xuan, "/items/0/code") == "01840");
  CHECK(str(duc_xuan, "/items/0/name") == "Phường Đức Xuân");
  CHECK(str(duc_xuan, "/items/0/kind") == "phường");
  CHECK(str(duc_xuan, "/items/0/province/name") == "Tỉnh Thái Nguyên");
  CHECK(codes_of(find("province=19&q=DUC+XUAN")) == std::set<std::string>{"01840"});
  CHECK(codes_of(find("q=01843")) == std::set<std::string>{"01843"});
  CHECK(codes_of(find("province=19&q=phong%20quang")) == std::set<std::string>{"01849"});
  // Words start where a word starts: "xuan" finds Đức Xuân, "uan" does not.
  CHECK(codes_of(find("province=19&q=xuan")).count("01840") == 1);
  CHECK(codes_of(find("province=19&q=uan")).count("01840") == 0);
  CHECK(count(find("province=19&q=no%20such%20place"), "/items") == 0);

  // Paging through one province gives each of its communes once.
  std::set<std::string> seen;
  std::string cursor;
  for (int i = 0; i < 100; ++i) {
    auto page = find("province=19&limit=40" + (cursor.empty() ? "" : "&cursor=" + cursor));
    for (const auto& code : codes_of(page)) CHECK(seen.insert(code).second);
    if (at(page, "/next_cursor").is_null()) break;
    cursor = str(page, "/next_cursor");
  }
  std::size_t in_thai_nguyen = 0;
  for (const auto& r : shared_csv("admin-units-2025/communes.csv")) in_thai_nguyen += r[0] == "19";
  CHECK(seen.size() == in_thai_nguyen);

  auto unknown = server.get("/api/v1/units?province=99", "");
  CHECK(unknown.status == 422);
  CHECK_THAT(unknown.body, Catch::Contains("province"));
  CHECK(server.get("/api/v1/units?province=1x", "").status == 422);
  CHECK(server.get("/api/v1/units?cursor=abc", "").status == 422);
  CHECK(server.get("/api/v1/units?q=" + std::string(300, 'a'), "").status == 422);
}

TEST_CASE("an address names its units by code and reads them back with their names", "[e2e][units]") {
  TestServer server;
  auto world = server.make_world();
  auto address = json::object{{"line", "Tổ 5"}, {"commune_code", "01840"}, {"province_code", "19"}};
  auto citizen = json::object{{"name", "Lê Thị Hoa"}, {"phone", "0912345678"}, {"address", address}};
  auto body = [&] { return TestServer::dossier_body({{"citizen", citizen}, {"notify", json::array{"sms"}}}); };
  auto created = server.create_shipment(world.postal.token, body());
  CHECK(str(created, "/citizen/address/commune") == "Phường Đức Xuân");
  CHECK(str(created, "/citizen/address/province") == "Tỉnh Thái Nguyên");
  CHECK(str(created, "/citizen/address/commune_code") == "01840");
  auto read = server.shipment(str(created, "/tracking_number"));
  CHECK(at(read, "/citizen/address") == at(created, "/citizen/address"));
  CHECK_FALSE(at(read, "/citizen/address").as_object().contains("suggested_units"));

  // The label prints the two-tier address as a line of a letter.
  auto pdf = server.get("/api/v1/shipments/" + str(created, "/tracking_number") + "/label?format=pdf",
                        world.postal.token);
  REQUIRE(pdf.status == 200);
  TempDir dir;
  std::ofstream(dir.file("label.pdf"), std::ios::binary) << pdf.body;
  auto text = run_command({"/usr/bin/pdftotext", dir.file("label.pdf"), "-"});
  CHECK_THAT(text.out, Catch::Contains("Tổ 5, phường Đức Xuân, tỉnh Thái Nguyên"));

  // A commune alone brings its province.
  citizen["address"] = json::object{{"line", "Tổ 1"}, {"commune_code", "01849"}};
  auto alone = server.create_shipment(world.postal.token, body());
  CHECK(str(alone, "/citizen/address/province_code") == "19");
  CHECK(str(alone, "/citizen/address/commune") == "Xã Phong Quang");

  auto refused = [&](json::object bad, const char* field) {
    citizen["address"] = std::move(bad);
    auto r = server.post("/api/v1/shipments", body(), world.postal.token);
    CHECK(r.status == 422);
    CHECK_THAT(r.body, Catch::Contains(field));
  };
  refused({{"commune_code", "99999"}}, "citizen.address.commune_code");
  refused({{"commune_code", "01840"}, {"province_code", "01"}}, "citizen.address.commune_code");  // not in Hà Nội
  refused({{"commune_code", "1840"}}, "citizen.address.commune_code");
  refused({{"province_code", "00"}}, "citizen.address.province_code");
}

TEST_CASE("an old three-level address is kept as written and suggests the unit it is now", "[e2e][units]") {
  TestServer server;
  auto world = server.make_world();
  auto old = json::object{{"line", "Tổ 3"},
                          {"commune", "Phường Nguyễn Thị Minh Khai"},
                          {"district", "Thành phố Bắc Kạn"},
                          {"province", "Bắc Kạn"}};
  auto citizen = json::object{{"name", "Hoàng Văn Nam"}, {"address", old}};
  auto created = server.create_shipment(world.postal.token, TestServer::dossier_body({{"citizen", citizen}, {"notify", json::array{}}}));
  const auto& address = at(created, "/citizen/address").as_object();
  for (const char* key : {"line", "commune", "district", "province"}) {
    CHECK(address.at(key) == old.at(key));  // never rewritten
  }
  CHECK_FALSE(address.contains("commune_code"));
  REQUIRE(count(created, "/citizen/address/suggested_units") == 1);
  CHECK(str(created, "/citizen/address/suggested_units/0/code") == "01840");
  CHECK(str(created, "/citizen/address/suggested_units/0/name") == "Phường Đức Xuân");
  auto read = server.shipment(str(created, "/tracking_number"));
  CHECK(at(read, "/citizen/address") == at(created, "/citizen/address"));

  // Written without accents and with the kind abbreviated, it is the same unit.
  citizen["address"] = json::object{{"commune", "P. Song Cau"}, {"province", "Bac Kan"}};
  auto plain = server.create_shipment(world.postal.token, TestServer::dossier_body({{"citizen", citizen}, {"notify", json::array{}}}));
  CHECK(each(plain, "/citizen/address/suggested_units", "code") == std::multiset<std::string>{"01843"});

  // A name that means nothing old gets no suggestion.
  citizen["address"] = json::object{{"commune", "Khu phố Mới"}, {"province", "Bắc Kạn"}};
  auto unknown = server.create_shipment(world.postal.token, TestServer::dossier_body({{"citizen", citizen}, {"notify", json::array{}}}));
  CHECK_FALSE(at(unknown, "/citizen/address").as_object().contains("suggested_units"));
}
