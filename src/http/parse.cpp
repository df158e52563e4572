#include "parse.hpp"

#include <algorithm>
#include <boost/url/parse_query.hpp>

#include <boost/json/serialize.hpp>
#include <regex>

#include "fields.hpp"
#include "tracker/auth/secrets.hpp"
#include "tracker/domain/admin_unit.hpp"
#include "tracker/domain/dossier_code.hpp"
#include "tracker/domain/ids.hpp"

namespace tracker::http {
using namespace tracker::domain;
namespace json = boost::json;

namespace {

constexpr std::size_t kMaxDocuments = 50;

template <class E, class F>
std::optional<E> word(Fields& f, const char* name, bool required, F parse_fn, const char* choices) {
  auto s = f.text(name, required, 40);
  if (!s) return std::nullopt;
  auto v = parse_fn(*s);
  if (!v) f.add(name, "unknown_value", std::string(name) + " must be one of: " + choices + ".");
  return v;
}

bool plausible_email(const std::string& s) {
  static const std::regex kEmail(R"(^[^@\s]+@[^@\s]+\.[^@\s]+$)");
  return std::regex_match(s, kEmail);
}

// The two-tier form {line, commune_code, province_code} (the service fills in
// the names from the codes) or the written form {line, commune, district,
// province}, kept as written. Codes win when both come.
Address parse_address(Fields& f) {
  Address a{f.text("line", false, 300), std::nullopt, std::nullopt, std::nullopt,
            f.text("commune_code", false, 5), f.text("province_code", false, 2)};
  if (a.commune_code && !is_commune_code(*a.commune_code)) {
    f.add("commune_code", "invalid_commune_code", "commune_code has 5 digits, e.g. 01840.");
  }
  if (a.province_code && !is_province_code(*a.province_code)) {
    f.add("province_code", "invalid_province_code", "province_code has 2 digits, e.g. 19.");
  }
  if (!a.two_tier()) {
    a.commune = f.text("commune", false, 300);
    a.district = f.text("district", false, 300);
    a.province = f.text("province", false, 300);
  }
  return a;
}

}  // namespace

Result<tracking::NewOffice> parse_new_office(const json::object& o) {
  Fields f(o);
  tracking::NewOffice out;
  out.code = f.text("code", true, 32).value_or("");
  auto kind_text = f.text("kind", true, 20);
  auto kind = kind_text ? parse_office_kind(*kind_text) : std::nullopt;
  if (kind) out.kind = *kind;
  out.name = f.text("name", true, 200).value_or("");
  out.province = f.text("province", false).value_or("");
  out.commune = f.text("commune", false).value_or("");
  out.address = f.text("address", false, 500).value_or("");
  out.agency_code = f.text("agency_code", false, 32);
  out.commune_code = f.text("commune_code", false, 5);
  out.dossier_code_pattern = f.text("dossier_code_pattern", false, 200);
  if (kind_text && !kind_text->empty() && !kind) {
    f.add("kind", "unknown_value", "kind must be post_office, service_centre or agency.");
  }
  if (out.agency_code && kind != OfficeKind::agency) {
    f.add("agency_code", "not_allowed", "Only an agency has an agency_code.");
  }
  if (out.dossier_code_pattern && kind != OfficeKind::agency) {
    f.add("dossier_code_pattern", "not_allowed", "Only an agency issues dossier codes.");
  }
  if (out.agency_code && !is_agency_code(*out.agency_code)) {
    f.add("agency_code", "invalid_agency_code", "agency_code looks like 000.00.19.H12 or H55.242.");
  }
  if (out.commune_code && !is_commune_code(*out.commune_code)) {
    f.add("commune_code", "invalid_commune_code", "commune_code has 5 digits, e.g. 01840.");
  }
  static const std::regex kCode(R"(^[A-Za-z0-9][A-Za-z0-9_.-]*$)");
  if (!out.code.empty() && !std::regex_match(out.code, kCode)) {
    f.add("code", "invalid_code", "code uses letters, digits, '-', '_' and '.'.");
  }
  if (!f.ok()) return f.error();
  return out;
}

Result<tracking::OfficeChange> parse_office_change(const json::object& o) {
  Fields f(o);
  tracking::OfficeChange out;
  if (o.contains("name")) out.name = f.text("name", true, 200);
  if (o.contains("address")) out.address = f.text("address", false, 500).value_or("");
  if (o.contains("commune_code")) {
    out.commune_code = f.text("commune_code", true, 5);
    if (out.commune_code && !is_commune_code(*out.commune_code)) {
      f.add("commune_code", "invalid_commune_code", "commune_code has 5 digits, e.g. 01840.");
    }
  }
  if (o.contains("agency_code")) {
    out.agency_code = f.text("agency_code", true, 32);
    if (out.agency_code && !is_agency_code(*out.agency_code)) {
      f.add("agency_code", "invalid_agency_code", "agency_code looks like 000.00.19.H12 or H55.242.");
    }
  }
  if (const auto* p = o.if_contains("dossier_code_pattern")) {
    if (p->is_null()) out.dossier_code_pattern = std::optional<std::string>();
    else out.dossier_code_pattern = f.text("dossier_code_pattern", true, 200);
  }
  if (const auto* c = o.if_contains("calendar")) {
    if (c->is_null()) {
      out.calendar = std::optional<CalendarName>();
    } else if (auto name = c->is_string() ? parse_calendar_name(c->as_string()) : std::nullopt) {
      out.calendar = name;
    } else {
      f.add("calendar", "unknown_value", "calendar is civil_service or postal (null: the kind's default).");
    }
  }
  if (!f.ok()) return f.error();
  return out;
}

Result<auth::NewUser> parse_new_user(const json::object& o) {
  Fields f(o);
  auth::NewUser out;
  out.username = f.text("username", true, 64).value_or("");
  out.display_name = f.text("display_name", false, 200).value_or(out.username);
  auto role = word<auth::Role>(f, "role", true, parse_role,
                               "postal_worker, clerk, supervisor, admin, agency_system");
  if (role) out.role = *role;
  out.office_code = f.text("office", false, 32);
  out.password = f.text("password", false, 256).value_or("");
  if (!out.password.empty() && out.password.size() < 8) {
    f.add("password", "too_short", "A password has at least 8 characters.");
  }
  if (!out.password.empty() && role == auth::Role::agency_system) {
    f.add("password", "not_allowed", "An agency's system has a bearer token only, no password.");
  }
  if (!f.ok()) return f.error();
  return out;
}

Result<tracking::NewShipment> parse_new_shipment(const json::object& o) {
  Fields f(o);
  tracking::NewShipment out;
  auto kind = word<ShipmentKind>(f, "kind", true, parse_shipment_kind, "dossier, result");
  if (kind) out.kind = *kind;
  out.agency = f.text("agency", true, 32).value_or("");
  out.receiving_office = f.text("receiving_office", false, 32);
  if (auto route = word<Route>(f, "route", false, parse_route,
                               "same_commune (or local), intra_province, inter_city, inter_province")) {
    out.route = *route;
  }
  if (auto* proc = f.object("procedure", false)) {
    Fields pf(*proc, "procedure");
    out.procedure_code = pf.text("code", false, 64).value_or("");
    out.procedure_name = pf.text("name", false, 300).value_or("");
    f.add_all(pf);
  }
  if (auto code = f.text("dossier_code", false, 40)) {
    auto parsed = DossierCode::parse(*code);
    if (parsed) out.dossier_code = *parsed; else f.add("dossier_code", parsed.error());
  }
  bool phone_given = false, email_given = false;
  if (auto* citizen = f.object("citizen", true)) {
    phone_given = citizen->contains("phone") && !citizen->at("phone").is_null();
    email_given = citizen->contains("email") && !citizen->at("email").is_null();
    Fields cf(*citizen, "citizen");
    out.citizen_name = cf.text("name", true, 200).value_or("");
    if (auto phone = cf.text("phone", false, 20)) {
      auto parsed = PhoneNumber::parse(*phone);
      if (parsed) out.citizen_phone = *parsed; else cf.add("phone", "invalid_phone", parsed.error().detail);
    }
    if (auto email = cf.text("email", false, 254)) {
      if (plausible_email(*email)) out.citizen_email = *email;
      else cf.add("email", "invalid_email", "email is not an e-mail address.");
    }
    if (auto* addr = cf.object("address", false)) {
      Fields af(*addr, "citizen.address");
      out.citizen_address = parse_address(af);
      cf.add_all(af);
    }
    f.add_all(cf);
  }
  if (auto* docs = f.array("documents", false, kMaxDocuments)) {
    json::array clean;
    for (std::size_t i = 0; i < docs->size(); ++i) {
      const auto& d = (*docs)[i];
      std::string prefix = "documents[" + std::to_string(i) + "]";
      if (!d.is_object()) {
        f.add("documents", "wrong_type", prefix + " must be an object.");
        continue;
      }
      Fields df(d.as_object(), prefix);
      json::object doc;
      doc["name"] = df.text("name", true, 300).value_or("");
      doc["original"] = df.boolean("original").value_or(false);
      doc["copies"] = df.integer("copies", false, 0, 100).value_or(1);
      f.add_all(df);
      clean.push_back(std::move(doc));
    }
    out.documents_json = json::serialize(clean);
  }
  if (auto* channels = f.array("notify", false, 4)) {
    for (const auto& c : *channels) {
      auto channel = c.is_string() ? parse_channel(c.as_string()) : std::nullopt;
      if (channel == Channel::sms) out.notify_sms = true;
      else if (channel == Channel::email) out.notify_email = true;
      else f.add("notify", "unknown_value", "notify lists \"sms\" and/or \"email\".");
    }
  }
  // A consent without its address is one error; a bad address was already named.
  if (out.notify_sms && !phone_given) {
    f.add("citizen.phone", "required", "SMS notification needs the citizen's phone.");
  }
  if (out.notify_email && !email_given) {
    f.add("citizen.email", "required", "E-mail notification needs the citizen's e-mail.");
  }
  out.fee_vnd = f.integer("fee_vnd", false, 0, 100'000'000).value_or(0);
  out.office = f.text("office", false, 32);
  if (!f.ok()) return f.error();
  return out;
}

Result<tracking::DossierStatusRequest> parse_dossier_status(const json::object& o) {
  Fields f(o);
  tracking::DossierStatusRequest out;
  if (auto id = f.text("event_id", true, 64)) {
    auto parsed = parse_uuid(*id);
    if (parsed) out.event_id = *parsed; else f.add("event_id", "invalid_uuid", "event_id must be a UUID.");
  }
  if (auto status = word<AgencyStatus>(f, "status", true, parse_agency_status,
                                       "received, supplement_requested, refused, paused, withdrawn, result_ready")) {
    out.status = *status;
  }
  if (auto at = f.text("occurred_at", true, 40)) {
    auto parsed = parse_rfc3339(*at);
    if (parsed) out.occurred_at = *parsed;
    else f.add("occurred_at", "invalid_time", "occurred_at is RFC 3339 with an offset.");
  }
  out.note = f.text("note", false, 1000);
  if (!f.ok()) return f.error();
  // What makes "the same event": every field, in one stable text.
  out.body_hash = auth::sha256(out.event_id + "|" + std::string(to_string(out.status)) + "|" +
                               std::to_string(out.occurred_at.time_since_epoch().count()) + "|" +
                               (out.note ? "1" + *out.note : "0"));
  return out;
}

Result<tracking::ScanRequest> parse_scan(const json::object& o) {
  Fields f(o);
  std::string event_id;
  if (auto id = f.text("event_id", true, 64)) {
    auto parsed = parse_uuid(*id);
    if (parsed) event_id = *parsed; else f.add("event_id", "invalid_uuid", "event_id must be a UUID.");
  }
  std::optional<TrackingNumber> tn;
  if (auto text = f.text("tracking_number", true, 40)) {
    auto parsed = TrackingNumber::parse(*text);
    if (parsed) tn = *parsed; else f.add("tracking_number", parsed.error());
  }
  auto type = word<EventType>(f, "type", true, parse_event_type,
                              "accepted, dispatched, arrived, out_for_delivery, delivery_failed, "
                              "held, delivered, returned");
  auto office = f.text("office", true, 32);
  Timestamp occurred_at{};
  if (auto at = f.text("occurred_at", true, 40)) {
    auto parsed = parse_rfc3339(*at);
    if (parsed) occurred_at = *parsed;
    else f.add("occurred_at", "invalid_time", "occurred_at is RFC 3339 with an offset.");
  }
  auto reason = word<FailureReason>(f, "reason", false, parse_failure_reason,
                                    "addressee_absent, address_incomplete, address_not_found, moved, "
                                    "refused, no_such_person, deceased, id_not_presented, "
                                    "proxy_not_authorised, premises_closed, other");
  if (type == EventType::delivery_failed && !reason && !o.contains("reason")) {
    f.add("reason", "required", "A failed delivery needs its reason.");
  } else if (type == EventType::delivery_failed && !reason && o.at("reason").is_null()) {
    f.add("reason", "required", "A failed delivery needs its reason.");
  }
  std::optional<tracking::Recipient> recipient;
  if (auto* r = f.object("recipient", false)) {
    Fields rf(*r, "recipient");
    tracking::Recipient rec;
    rec.name = rf.text("name", true, 200).value_or("");
    if (auto rel = word<RecipientRelation>(rf, "relation", true, parse_recipient_relation, "self, proxy")) {
      rec.relation = *rel;
    }
    if (auto id = word<IdType>(rf, "id_type", true, parse_id_type, "cccd, passport, other")) {
      rec.id_type = *id;
    }
    if (rf.ok()) recipient = rec;
    f.add_all(rf);
  }
  std::optional<DossierCode> dossier_code;
  if (auto code = f.text("dossier_code", false, 40)) {
    auto parsed = DossierCode::parse(*code);
    if (parsed) dossier_code = *parsed; else f.add("dossier_code", parsed.error());
  }
  auto note = f.text("note", false, 500);
  if (!f.ok()) return f.error();
  tracking::ScanRequest scan{event_id, *tn, *type, *office, occurred_at, reason, recipient,
                             dossier_code, note, ""};
  scan.body_hash = auth::sha256(tracking::canonical_form(scan));
  return scan;
}

std::map<std::string, std::string> parse_form(std::string_view body) {
  std::string text(body);
  std::replace(text.begin(), text.end(), '+', ' ');
  std::map<std::string, std::string> out;
  // Spaces are not valid in a query: encode them back before parsing.
  std::string encoded;
  for (char c : text) encoded += c == ' ' ? std::string("%20") : std::string(1, c);
  auto params = boost::urls::parse_query(encoded);
  if (!params) return out;
  for (auto p : *params) out[p.key.decode()] = p.has_value ? p.value.decode() : std::string();
  return out;
}

Result<int> parse_dpi(std::string_view text) {
  if (text == "203") return 203;
  if (text == "300") return 300;
  return field_error("dpi", "unsupported_dpi", "dpi is 203 or 300.");
}

Result<LabelBatch> parse_label_batch(const json::object& body, std::size_t max_items) {
  const auto* numbers = body.if_contains("tracking_numbers");
  if (!numbers || !numbers->is_array()) {
    return make_error(Errc::malformed, "wrong_type", "tracking_numbers must be an array.");
  }
  const auto& items = numbers->as_array();
  std::vector<FieldError> errors;
  if (items.empty() || items.size() > max_items) {
    errors.push_back({"tracking_numbers", "bad_count", "Between 1 and " + std::to_string(max_items) + " tracking numbers."});
  }
  LabelBatch batch;
  std::string format = "pdf", sheet = "a6";
  if (const auto* f = body.if_contains("format"); f && f->is_string()) format = std::string(f->as_string());
  if (const auto* s = body.if_contains("sheet"); s && s->is_string()) sheet = std::string(s->as_string());
  if (format != "pdf") errors.push_back({"format", "unknown_format", "Several labels come as one PDF: format is pdf."});
  if (sheet != "a6" && sheet != "a4") errors.push_back({"sheet", "unknown_sheet", "sheet is a6 or a4."});
  batch.sheet = sheet == "a4" ? labels::Sheet::a4 : labels::Sheet::a6;
  if (const auto* d = body.if_contains("dpi"); d && d->is_int64()) {
    auto parsed = parse_dpi(std::to_string(d->as_int64()));
    if (parsed) batch.dpi = *parsed;
    else errors.push_back(parsed.error().fields.front());
  }
  for (std::size_t i = 0; errors.empty() && i < items.size(); ++i) {
    std::string field = "tracking_numbers[" + std::to_string(i) + "]";
    if (!items[i].is_string()) {
      errors.push_back({field, "wrong_type", "A tracking number is a string."});
      continue;
    }
    auto tn = TrackingNumber::parse(std::string(items[i].as_string()));
    if (tn) batch.tracking_numbers.push_back(*tn);
    else errors.push_back({field, tn.error().fields.empty() ? "bad_format" : tn.error().fields.front().code, tn.error().detail});
  }
  if (!errors.empty()) return Error{Errc::invalid, "validation_failed", "Some labels cannot be made.", errors};
  return batch;
}

bool LoginForm::usable() const {
  return !username.empty() && !password.empty() && username.size() <= 64 && password.size() <= 256;
}

LoginForm parse_login_form(std::string_view body) {
  auto form = parse_form(body);
  return {form["username"], form["password"], form["next"]};
}

Result<ScanBatch> parse_scan_batch(const boost::json::object& body, std::size_t max_items) {
  auto* scans = body.if_contains("scans");
  if (!scans || !scans->is_array()) return make_error(Errc::malformed, "wrong_type", "Send {\"scans\": [ … ]}.");
  if (scans->as_array().size() > max_items) {
    return field_error("scans", "too_many_items", "At most " + std::to_string(max_items) + " scans per batch.");
  }
  ScanBatch batch;
  for (const auto& item : scans->as_array()) {
    const boost::json::string* id = nullptr;
    if (item.is_object()) {
      if (auto* v = item.as_object().if_contains("event_id"); v && v->is_string()) id = &v->as_string();
    }
    batch.event_ids.push_back(id ? std::string(*id) : "");
    if (!item.is_object()) {
      batch.scans.push_back(make_error(Errc::malformed, "wrong_type", "Each scan is a JSON object."));
    } else {
      batch.scans.push_back(parse_scan(item.as_object()));
    }
  }
  return batch;
}

}  // namespace tracker::http
