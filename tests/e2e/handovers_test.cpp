// Handover lists through the real server: both directions, discrepancies,
// the printed record read back by zbar and pdftotext, confirm once, void.
#include <catch2/catch.hpp>
#include <fstream>

#include "checks.hpp"

using namespace tracker::test;
using namespace std::chrono_literals;

namespace {

std::string accepted_dossier(TestServer& server, const User& postal) {
  auto tn = server.create_dossier_shipment(postal.token);
  REQUIRE(server.scan(postal.token, tn, "accepted", hanoi_time_ago(3h)).status == 201);
  return tn;
}

bool has(const json::value& doc, const char* key, const std::string& value) {
  for (const auto& v : doc.at(key).as_array()) {
    if (v.is_string() && v.as_string() == value) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("dossiers handed to the agency: what is listed, missing and unlisted, confirmed once", "[e2e][handovers]") {
  TestServer server;
  auto world = server.make_world();
  auto a = accepted_dossier(server, world.postal);
  auto b = accepted_dossier(server, world.postal);
  auto c = accepted_dossier(server, world.postal);
  auto unlisted = accepted_dossier(server, world.postal);
  auto not_accepted = server.create_dossier_shipment(world.postal.token);

  // Refusals name each item.
  auto refused = server.post("/api/v1/handovers",
                             json::object{{"to_office", std::string(kAgencyDx)},
                                          {"tracking_numbers", string_array({a, not_accepted, "EB123456789VN"})}},
                             world.postal.token);
  check_problem(refused, 422);
  CHECK(mentions(refused.json(), "tracking_numbers[1]"));
  CHECK(mentions(refused.json(), "not_accepted_yet"));
  CHECK(mentions(refused.json(), "tracking_numbers[2]"));

  auto made = server.post("/api/v1/handovers",
                          json::object{{"to_office", std::string(kAgencyDx)}, {"tracking_numbers", string_array({a, b, c})}},
                          world.postal.token);
  REQUIRE(made.status == 201);
  auto id = str(made.json(), "/id");
  CHECK(str(made.json(), "/status") == "open");
  CHECK(str(made.json(), "/direction") == "dossiers_to_agency");

  // The printed record: title, both offices, every item's barcode.
  auto pdf = server.get("/api/v1/handovers/" + id + "/document", world.postal.token);
  REQUIRE(pdf.status == 200);
  CHECK(pdf.header("content-type") == "application/pdf");
  TempDir dir;
  std::ofstream(dir.file("record.pdf"), std::ios::binary) << pdf.body;
  auto text = run_command({"/usr/bin/pdftotext", dir.file("record.pdf"), "-"});
  CHECK(text.out.find("BIÊN BẢN GIAO NHẬN HỒ SƠ") != std::string::npos);
  CHECK(text.out.find("UBND phường Đức Xuân") != std::string::npos);
  run_command({"/usr/bin/pdftoppm", "-r", "200", "-gray", "-png", dir.file("record.pdf"), dir.file("page")});
  auto zbar = run_command({"/usr/bin/zbarimg", "-q", dir.file("page-1.png")});
  for (const auto& tn : {a, b, c}) {
    CAPTURE(tn);
    CHECK(zbar.out.find("CODE-128:" + tn) != std::string::npos);
  }

  // The sender cannot confirm; another agency's clerk does not even see it.
  check_problem(server.post("/api/v1/handovers/" + id + "/confirm", json::object{{"received", string_array({a})}},
                            world.postal.token), 403);
  auto other = server.post("/api/v1/handovers/" + id + "/confirm", json::object{{"received", string_array({a})}},
                           world.clerk_sn.token);
  CHECK((other.status == 404 || other.status == 403));

  auto signed_at = hanoi_time_ago(10min);
  auto confirmed = server.post("/api/v1/handovers/" + id + "/confirm",
                               json::object{{"received", string_array({a, b, unlisted})},
                                            {"occurred_at", signed_at},
                                            {"received_by", "Lý Thị Hoa"}},
                               world.clerk_dx.token);
  REQUIRE(confirmed.status == 200);
  auto doc = confirmed.json();
  CHECK(str(doc, "/status") == "confirmed");
  CHECK(has(doc, "missing", c));
  CHECK(has(doc, "unexpected", unlisted));
  CHECK(doc.at("missing").as_array().size() == 1);
  CHECK(doc.at("unexpected").as_array().size() == 1);

  // Received dossiers are delivered at the signing time: their legal submission time.
  for (const auto& tn : {a, b, unlisted}) {
    auto s = server.shipment(tn);
    CAPTURE(tn);
    CHECK(str(s, "/status") == "delivered");
  }
  CHECK(str(server.shipment(c), "/status") == "accepted");

  check_problem(server.post("/api/v1/handovers/" + id + "/confirm", json::object{{"received", string_array({c})}},
                            world.clerk_dx.token), 409);

  // The agency is renamed later: the signed record keeps the name it had.
  REQUIRE(server.request("PATCH", "/api/v1/offices/" + std::string(kAgencyDx),
                         R"({"name": "Ủy ban nhân dân phường Đức Xuân"})", server.admin_token())
              .status == 200);
  auto kept = server.get("/api/v1/handovers/" + id, world.clerk_dx.token);
  REQUIRE(kept.status == 200);
  CHECK(str(kept.json(), "/to_office/name") == "UBND phường Đức Xuân");
  auto reprinted = server.get("/api/v1/handovers/" + id + "/document", world.clerk_dx.token);
  REQUIRE(reprinted.status == 200);
  std::ofstream(dir.file("again.pdf"), std::ios::binary) << reprinted.body;
  auto again = run_command({"/usr/bin/pdftotext", dir.file("again.pdf"), "-"}).out;
  CHECK(again.find("UBND phường Đức Xuân") != std::string::npos);
  CHECK(again.find("Ủy ban nhân dân phường Đức Xuân") == std::string::npos);
  auto next = server.post("/api/v1/handovers",
                          json::object{{"to_office", std::string(kAgencyDx)}, {"tracking_numbers", string_array({c})}},
                          world.postal.token);
  REQUIRE(next.status == 201);
  CHECK(str(next.json(), "/to_office/name") == "Ủy ban nhân dân phường Đức Xuân");
  // The office's second list of the day has the next number.
  auto first_code = str(made.json(), "/code"), second_code = str(next.json(), "/code");
  CAPTURE(first_code, second_code);
  REQUIRE(first_code.size() > 2);
  CHECK(first_code.substr(first_code.size() - 2) == "-1");
  CHECK(second_code == first_code.substr(0, first_code.size() - 1) + "2");
}

TEST_CASE("results collected from the agency become accepted, a wrong list is voided and stays visible", "[e2e][handovers]") {
  TestServer server;
  auto world = server.make_world();
  auto body = TestServer::dossier_body();
  body["kind"] = "result";
  body["dossier_code"] = "000.00.19.H12-261127-0042";
  auto result = server.create_shipment(world.clerk_dx.token, body);
  auto tn = str(result, "/tracking_number");

  auto made = server.post("/api/v1/handovers",
                          json::object{{"to_office", std::string(kPostOffice)}, {"tracking_numbers", string_array({tn})}},
                          world.clerk_dx.token);
  REQUIRE(made.status == 201);
  auto id = str(made.json(), "/id");
  CHECK(str(made.json(), "/direction") == "results_from_agency");
  auto confirmed = server.post("/api/v1/handovers/" + id + "/confirm", json::object{{"received", string_array({tn})}},
                               world.postal.token);
  REQUIRE(confirmed.status == 200);
  CHECK(str(server.shipment(tn), "/status") == "accepted");

  // Void: a second result on a list made by mistake.
  body["dossier_code"] = "000.00.19.H12-261127-0043";
  auto second = str(server.create_shipment(world.clerk_dx.token, body), "/tracking_number");
  auto wrong = server.post("/api/v1/handovers",
                           json::object{{"to_office", std::string(kPostOffice)}, {"tracking_numbers", string_array({second})}},
                           world.clerk_dx.token);
  REQUIRE(wrong.status == 201);
  auto wrong_id = str(wrong.json(), "/id");
  check_problem(server.post("/api/v1/handovers/" + wrong_id + "/void", json::object{}, world.clerk_dx.token), 422);
  auto voided = server.post("/api/v1/handovers/" + wrong_id + "/void",
                            json::object{{"reason", "Lập nhầm danh sách"}}, world.clerk_dx.token);
  REQUIRE(voided.status == 200);
  CHECK(str(voided.json(), "/status") == "voided");
  auto seen = server.get("/api/v1/handovers/" + wrong_id, world.clerk_dx.token);
  CHECK(seen.status == 200);
  CHECK(str(seen.json(), "/void_reason") == "Lập nhầm danh sách");
  check_problem(server.post("/api/v1/handovers/" + wrong_id + "/confirm", json::object{{"received", string_array({second})}},
                            world.postal.token), 409);
  // The result can go on a new list now.
  auto again = server.post("/api/v1/handovers",
                           json::object{{"to_office", std::string(kPostOffice)}, {"tracking_numbers", string_array({second})}},
                           world.clerk_dx.token);
  CHECK(again.status == 201);
}
