// Fuzzes the body of POST /api/v1/shipments the way the route reads it:
// the bytes through boost::json::parse with json_body()'s options, then
// parse_new_shipment(). Besides "no crash" it checks every accepted
// shipment: required texts present, trimmed and within their limits; a
// valid phone (E.164 +84) and dossier code when given; a consent to SMS or
// e-mail only with the address to send to; the address's parts trimmed and
// within 300 bytes; the documents a JSON array of at most 50 again; the fee in
// range; the same result from the re-serialised JSON. A rejection is a 400
// or a 422 naming at least one field.
#include <boost/json/serialize.hpp>
#include <cstddef>
#include <cstdint>

#include "fuzz_check.hpp"
#include "json_body.hpp"
#include "parse.hpp"

namespace {

bool trimmed(std::string_view s) {
  constexpr std::string_view kSpace = " \t\r\n";
  return s.empty() ||
         (kSpace.find(s.front()) == std::string_view::npos && kSpace.find(s.back()) == std::string_view::npos);
}

void check_shipment(const boost::json::object& o, const tracker::tracking::NewShipment& s) {
  namespace json = boost::json;
  using namespace tracker::domain;
  FUZZ_CHECK(!s.agency.empty() && s.agency.size() <= 32 && trimmed(s.agency), s.agency);
  FUZZ_CHECK(!s.citizen_name.empty() && s.citizen_name.size() <= 200 && trimmed(s.citizen_name), s.citizen_name);
  FUZZ_CHECK(s.procedure_code.size() <= 64 && s.procedure_name.size() <= 300, s.procedure_name);
  if (s.citizen_phone) {
    const std::string e164(s.citizen_phone->e164());
    FUZZ_CHECK(e164.size() == 12 && e164.starts_with("+84"), e164);
  }
  if (s.dossier_code) {
    auto again = DossierCode::parse(s.dossier_code->str());
    FUZZ_CHECK(again && *again == *s.dossier_code, s.dossier_code->str());
  }
  if (s.citizen_email) {
    FUZZ_CHECK(s.citizen_email->size() <= 254 && s.citizen_email->find('@') != std::string::npos,
               *s.citizen_email);
  }
  FUZZ_CHECK(!s.notify_sms || s.citizen_phone.has_value(), "SMS consent without a phone");
  FUZZ_CHECK(!s.notify_email || s.citizen_email.has_value(), "e-mail consent without an address");
  FUZZ_CHECK(s.fee_vnd >= 0 && s.fee_vnd <= 100'000'000, std::to_string(s.fee_vnd));

  for (const auto* part : {&s.citizen_address.line, &s.citizen_address.commune, &s.citizen_address.district,
                           &s.citizen_address.province}) {
    FUZZ_CHECK(!*part || (part->value().size() <= 300 && trimmed(**part)), part->value_or(""));
  }
  boost::system::error_code ec;
  auto documents = json::parse(s.documents_json, ec);
  FUZZ_CHECK(!ec && documents.is_array() && documents.as_array().size() <= 50, s.documents_json);

  if (auto round = tracker::fuzz::reparsed(o)) {
    auto again = tracker::http::parse_new_shipment(*round);
    FUZZ_CHECK(again && again->citizen_name == s.citizen_name && again->documents_json == s.documents_json &&
                   again->citizen_address == s.citizen_address && again->fee_vnd == s.fee_vnd,
               json::serialize(o));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto body = tracker::fuzz::json_body(tracker::fuzz::as_text(data, size));
  if (!body) return 0;
  auto shipment = tracker::http::parse_new_shipment(*body);
  if (shipment) {
    check_shipment(*body, *shipment);
  } else {
    using tracker::domain::Errc;
    const auto& e = shipment.error();
    FUZZ_CHECK(e.errc == Errc::invalid || e.errc == Errc::malformed, e.code);
    FUZZ_CHECK(!e.fields.empty(), e.code);
  }
  return 0;
}
