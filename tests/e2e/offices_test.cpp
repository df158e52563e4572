// Offices since Decree 118/2025/NĐ-CP: service centres beside post offices
// and agencies, each in a commune by code; a dossier names its competent
// agency and the receiving office its staff see it from; renaming an office
// never rewrites history; each agency checks dossier codes in its own form.
#include <catch2/catch.hpp>
#include <thread>

#include "checks.hpp"

using namespace tracker::test;

namespace {

json::object office_body(std::string_view code, std::string_view kind, std::string_view name,
                         std::string_view commune_code) {
  return {{"code", code}, {"kind", kind}, {"name", name}, {"commune_code", commune_code}};
}

}  // namespace

TEST_CASE("an office sits in a commune by code and a service centre is a third kind", "[e2e][offices]") {
  TestServer server;
  auto r = server.post("/api/v1/offices",
                       office_body("TTPVHCC-DX", "service_centre", "Trung tâm Phục vụ hành chính công phường Đức Xuân",
                                   "01840"),
                       server.admin_token());
  REQUIRE(r.status == 201);
  auto office = r.json();
  CHECK(str(office, "/kind") == "service_centre");
  CHECK(str(office, "/commune_code") == "01840");
  CHECK(str(office, "/commune") == "Phường Đức Xuân");
  CHECK(str(office, "/province_code") == "19");
  CHECK(str(office, "/province") == "Tỉnh Thái Nguyên");

  auto unknown = server.post("/api/v1/offices", office_body("X1", "post_office", "Bưu cục", "99999"), server.admin_token());
  CHECK(unknown.status == 422);
  CHECK_THAT(unknown.body, Catch::Contains("commune_code"));
  auto bad_pattern = office_body("X2", "agency", "Sở Tư pháp", "01840");
  bad_pattern["dossier_code_pattern"] = "^(H55.242-";
  auto refused = server.post("/api/v1/offices", bad_pattern, server.admin_token());
  CHECK(refused.status == 422);
  CHECK_THAT(refused.body, Catch::Contains("dossier_code_pattern"));
  auto not_agency = office_body("X3", "post_office", "Bưu cục", "01840");
  not_agency["dossier_code_pattern"] = "^A.*$";
  CHECK(server.post("/api/v1/offices", not_agency, server.admin_token()).status == 422);
  // Nothing of the refused offices was written.
  CHECK(server.get("/api/v1/offices").body.find("\"X") == std::string::npos);

  // Clerks and VNPost staff both work in a centre.
  CHECK_NOTHROW(server.create_user("vnpost.ttpvhcc", "postal_worker", "TTPVHCC-DX"));
  CHECK_NOTHROW(server.create_user("clerk.ttpvhcc", "clerk", "TTPVHCC-DX"));
}

TEST_CASE("a dossier handed in at a service centre is seen by the centre and routed by its agency", "[e2e][offices]") {
  TestServer server;
  auto world = server.make_world();
  server.create_office("TTPVHCC-BK", "service_centre", "Trung tâm Phục vụ hành chính công phường Bắc Kạn", {}, "01843");
  auto centre_worker = server.create_user("vnpost.bk", "postal_worker", "TTPVHCC-BK");
  auto centre_clerk = server.create_user("clerk.ttbk", "clerk", "TTPVHCC-BK");

  // Taken at the centre by VNPost staff for UBND phường Đức Xuân (another commune).
  auto at_centre = server.create_shipment(centre_worker.token, TestServer::dossier_body());
  CHECK(str(at_centre, "/receiving_office/code") == "TTPVHCC-BK");
  CHECK(str(at_centre, "/agency/code") == std::string(kAgencyDx));
  auto tn = str(at_centre, "/tracking_number");
  CHECK(server.get("/api/v1/shipments/" + tn, centre_clerk.token).status == 200);
  CHECK(server.get("/api/v1/shipments/" + tn, world.clerk_dx.token).status == 200);  // the competent agency
  CHECK(server.get("/api/v1/shipments/" + tn, world.clerk_sn.token).status == 404);  // another agency

  // Taken at a post office, naming the centre where the citizen handed it in.
  auto named = server.create_shipment(world.postal.token, TestServer::dossier_body({{"receiving_office", "TTPVHCC-BK"}}));
  CHECK(str(named, "/receiving_office/name") == "Trung tâm Phục vụ hành chính công phường Bắc Kạn");
  CHECK(server.get("/api/v1/shipments/" + str(named, "/tracking_number"), centre_clerk.token).status == 200);
  auto plain = server.create_shipment(world.postal.token, TestServer::dossier_body());
  CHECK(at(plain, "/receiving_office").is_null());
  CHECK(server.get("/api/v1/shipments/" + str(plain, "/tracking_number"), centre_clerk.token).status == 404);

  auto agency_as_receiver = server.post("/api/v1/shipments", TestServer::dossier_body({{"receiving_office", kAgencySn}}),
                                        world.postal.token);
  CHECK(agency_as_receiver.status == 422);
  CHECK_THAT(agency_as_receiver.body, Catch::Contains("receiving_office"));

  // The centre hands the dossier to the agency on a list.
  REQUIRE(server.scan(centre_worker.token, tn, "accepted", hanoi_time_ago(std::chrono::minutes(30))).status == 201);
  auto list = server.post("/api/v1/handovers",
                          json::object{{"from_office", "TTPVHCC-BK"}, {"to_office", kAgencyDx},
                                       {"tracking_numbers", json::array{tn}}},
                          centre_worker.token);
  CHECK(list.status == 201);
}

TEST_CASE("renaming an office keeps the names events and shipments had", "[e2e][offices]") {
  TestServer server;
  auto world = server.make_world();
  auto tn = server.create_dossier_shipment(world.postal.token);
  REQUIRE(server.scan(world.postal.token, tn, "accepted", hanoi_time_ago(std::chrono::minutes(20))).status == 201);

  auto renamed = server.request("PATCH", std::string("/api/v1/offices/") + std::string(kPostOffice),
                                R"j({"name": "Bưu điện Đức Xuân (Thái Nguyên)"})j", server.admin_token());
  REQUIRE(renamed.status == 200);
  CHECK(str(renamed.json(), "/name") == "Bưu điện Đức Xuân (Thái Nguyên)");
  // An event after the rename (times are sent to the second).
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  REQUIRE(server.scan(world.postal.token, tn, "dispatched", hanoi_time_ago(std::chrono::seconds(0))).status == 201);

  auto s = server.shipment(tn);
  CHECK(str(s, "/office/name") == "Bưu điện phường Đức Xuân");  // as created
  CHECK(str(s, "/events/0/office_name") == "Bưu điện phường Đức Xuân");
  CHECK(str(s, "/events/1/office_name") == "Bưu điện Đức Xuân (Thái Nguyên)");
  auto later = server.create_shipment(world.postal.token, TestServer::dossier_body());
  CHECK(str(later, "/office/name") == "Bưu điện Đức Xuân (Thái Nguyên)");

  // Only an admin changes offices; an unknown one is 404; a bad pattern 422 and nothing changes.
  CHECK(server.request("PATCH", "/api/v1/offices/UBND-DX", R"({"name": "x"})", world.clerk_dx.token).status == 403);
  CHECK(server.request("PATCH", "/api/v1/offices/NOPE", R"({"name": "x"})", server.admin_token()).status == 404);
  auto bad = server.request("PATCH", "/api/v1/offices/UBND-DX", R"({"name": "x", "dossier_code_pattern": "[H55"})",
                            server.admin_token());
  CHECK(bad.status == 422);
  CHECK_THAT(server.get("/api/v1/offices").body, Catch::Contains("UBND phường Đức Xuân"));
  auto audit = run_tracker({"audit", "verify", "--db", server.db_path()});
  CHECK(audit.exit_code == 0);
}

TEST_CASE("an agency accepts dossier codes in the form it issues and says which form when refused", "[e2e][offices]") {
  TestServer server;
  auto world = server.make_world();
  auto create = [&](std::string_view code) {
    return server.post("/api/v1/shipments", TestServer::result_body(code), world.clerk_dx.token);
  };
  // Without a pattern: the 2018 form and the identifier-first form under its agency code.
  CHECK(create("000.00.19.H12-261127-0001").status == 201);
  CHECK(create("000.00.19.H12-261127-0002").status == 201);
  auto other = create("000.00.19.H13-261127-0001");
  CHECK(other.status == 422);
  CHECK_THAT(other.body, Catch::Contains("000.00.19.H12-YYMMDD-NNNN"));

  // An admin gives the agency its identifier of today and a pattern.
  auto set = server.request("PATCH", "/api/v1/offices/UBND-DX",
                            R"({"agency_code": "H55.242", "dossier_code_pattern": "^H55\\.242-\\d{6}-\\d{4,5}$"})",
                            server.admin_token());
  REQUIRE(set.status == 200);
  CHECK(str(set.json(), "/dossier_code_pattern") == "^H55\\.242-\\d{6}-\\d{4,5}$");
  CHECK(create("H55.242-251015-0001").status == 201);
  CHECK(create("H55.242-251015-12345").status == 201);
  auto old_form = create("000.00.19.H12-261127-0003");
  CHECK(old_form.status == 422);
  CHECK_THAT(old_form.body, Catch::Contains("H55"));
  // Cleared again, the default forms under the new agency code apply.
  REQUIRE(server.request("PATCH", "/api/v1/offices/UBND-DX", R"({"dossier_code_pattern": null})", server.admin_token())
              .status == 200);
  CHECK(create("H55.242-251016-0001").status == 201);
  auto refused = create("H55.242-251016-01");
  CHECK(refused.status == 422);
  CHECK_THAT(refused.body, Catch::Contains("H55.242-YYMMDD-NNNN"));
  // A lookup by the new form finds the result.
  CHECK(server.get("/api/v1/track/H55.242-251015-0001", "").status == 200);
}
