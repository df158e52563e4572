// Labels and photo decoding through the real server.
#include <catch2/catch.hpp>

#include "checks.hpp"

using namespace tracker::test;

namespace {

Response raw_post(TestServer& server, const std::string& target, const std::string& body,
                  const std::string& content_type, const std::string& token) {
  return http_request(server.port(), "POST", target, body,
                      {{"Content-Type", content_type}, {"Authorization", "Bearer " + token}});
}

}  // namespace

TEST_CASE("a label comes as PDF, PNG or ZPL and its photo gives the number back", "[e2e][labels]") {
  TestServer server;
  auto world = server.make_world();
  auto tn = server.create_dossier_shipment(world.postal.token);
  const std::string base = "/api/v1/shipments/" + tn + "/label";

  auto pdf = server.get(base, world.postal.token);
  REQUIRE(pdf.status == 200);
  CHECK(pdf.header("content-type") == "application/pdf");
  CHECK(pdf.body.rfind("%PDF-", 0) == 0);

  auto zpl = server.get(base + "?format=zpl&dpi=300", world.postal.token);
  REQUIRE(zpl.status == 200);
  CHECK(zpl.header("content-type") == "application/zpl");
  CHECK(zpl.body.find("^FD" + tn + "^FS") != std::string::npos);

  auto png = server.get(base + "?format=png&dpi=203", world.postal.token);
  REQUIRE(png.status == 200);
  CHECK(png.header("content-type") == "image/png");

  auto decoded = raw_post(server, "/api/v1/barcodes/decode", png.body, "image/png", world.postal.token);
  REQUIRE(decoded.status == 200);
  auto found = each(decoded.json(), "/barcodes", "tracking_number");
  CHECK(found.count(tn) == 2);  // from the Code 128 and from the QR code's tracking link
}

TEST_CASE("labels refuse what they cannot print and what the caller may not see", "[e2e][labels]") {
  TestServer server;
  auto world = server.make_world();
  auto tn = server.create_dossier_shipment(world.postal.token);
  const std::string base = "/api/v1/shipments/" + tn + "/label";
  check_problem(server.get(base + "?format=bmp", world.postal.token), 422);
  check_problem(server.get(base + "?dpi=150", world.postal.token), 422);
  check_problem(server.get(base, world.clerk_sn.token), 404);  // another agency's
  check_problem(server.get("/api/v1/shipments/EB123456789VN/label", world.postal.token), 422);
}

TEST_CASE("a clerk prints several labels as A4 sheets", "[e2e][labels]") {
  TestServer server;
  auto world = server.make_world();
  json::array numbers;
  for (int i = 0; i < 5; ++i) numbers.push_back(json::value(server.create_dossier_shipment(world.postal.token)));
  auto r = server.post("/api/v1/labels", json::object{{"tracking_numbers", numbers}, {"sheet", "a4"}},
                       world.postal.token);
  REQUIRE(r.status == 200);
  CHECK(r.header("content-type") == "application/pdf");
  CHECK(r.body.rfind("%PDF-", 0) == 0);

  numbers.push_back("EC999999995VN");  // valid, unknown
  auto bad = server.post("/api/v1/labels", json::object{{"tracking_numbers", numbers}, {"sheet", "a4"}},
                         world.postal.token);
  check_problem(bad, 422);
  CHECK(mentions(bad.json(), "tracking_numbers[5]"));
}

TEST_CASE("a photo upload that is not a good image is refused without harm", "[e2e][decode]") {
  TestServer server;
  auto world = server.make_world();
  const std::string target = "/api/v1/barcodes/decode";
  check_problem(raw_post(server, target, "hello", "text/plain", world.postal.token), 415);
  check_problem(raw_post(server, target, std::string(1000, 'x'), "image/png", world.postal.token), 422);
  std::string truncated = "\x89PNG\r\n\x1a\n";
  truncated += std::string(20, '\0');
  check_problem(raw_post(server, target, truncated, "image/png", world.postal.token), 422);
  check_problem(raw_post(server, target, std::string(9 * 1024 * 1024, 'x'), "image/jpeg", world.postal.token), 413);
  // The server is still there.
  CHECK(server.get("/healthz").status == 200);
}
