#include "render.hpp"

#include <boost/json/parse.hpp>

#include "tracker/domain/masking.hpp"
#include "tracker/domain/phone.hpp"
#include "tracker/domain/time.hpp"
#include "tracker/domain/tracking_number.hpp"

namespace tracker::http {
using namespace tracker::domain;
namespace json = boost::json;

namespace {

json::value opt(const std::optional<std::string>& v) {
  if (!v) return nullptr;
  return json::value(*v);
}

json::value parsed(const std::string& text) {
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  return ec ? json::value(nullptr) : v;
}

// Two-tier: line, commune_code, province_code and their names; the written
// form as written, with the current units it probably means.
json::value address_json(const Address& a, const std::vector<store::Commune>& suggested) {
  json::object o;
  if (a.line) o["line"] = *a.line;
  if (a.commune_code) o["commune_code"] = *a.commune_code;
  if (a.commune) o["commune"] = *a.commune;
  if (a.district) o["district"] = *a.district;
  if (a.province_code) o["province_code"] = *a.province_code;
  if (a.province) o["province"] = *a.province;
  if (!suggested.empty()) {
    json::array units;
    for (const auto& c : suggested) units.push_back(json::object{{"code", c.code}, {"name", c.name}});
    o["suggested_units"] = std::move(units);
  }
  return o;
}

json::array agency_statuses_json(const std::vector<store::DossierStatus>& statuses) {
  json::array out;
  for (const auto& d : statuses) {
    json::object j{{"event_id", d.event_id},
                   {"status", to_string(d.status)},
                   {"occurred_at", format_rfc3339(d.occurred_at)},
                   {"recorded_at", format_rfc3339(d.recorded_at)}};
    j["note"] = d.note ? json::value(*d.note) : json::value(nullptr);
    out.push_back(std::move(j));
  }
  return out;
}

std::string masked_recipient(const store::OutboxMessage& m) {
  if (m.channel == Channel::sms) {
    auto p = PhoneNumber::parse(m.recipient);
    return p ? p->masked() : "***";
  }
  return mask_email(m.recipient);
}

}  // namespace

json::object office_json(const store::Office& o) {
  json::object j{{"code", o.code}, {"kind", to_string(o.kind)}, {"name", o.name}};
  j["commune_code"] = opt(o.commune_code);
  j["commune"] = o.commune;
  j["province_code"] = opt(o.province_code);
  j["province"] = o.province;
  j["address"] = o.address;
  j["agency_code"] = opt(o.agency_code);
  if (o.kind == OfficeKind::agency) j["dossier_code_pattern"] = opt(o.dossier_code_pattern);
  j["calendar"] = to_string(store::working_calendar(o));
  return j;
}

json::object user_json(const auth::UserView& u) {
  json::object j{{"username", u.user.username}, {"display_name", u.user.display_name},
                 {"role", to_string(u.user.role)}};
  j["office"] = u.office_code.empty() ? json::value(nullptr) : json::value(u.office_code);
  return j;
}

json::object event_json(const tracking::EventView& v) {
  const auto& e = v.event;
  json::object j{{"event_id", e.event_id},
                 {"tracking_number", nullptr},
                 {"type", to_string(e.type)},
                 {"office", v.office.code},
                 {"office_name", v.office.name},  // as it was named when the event happened
                 {"occurred_at", format_rfc3339(e.occurred_at)},
                 {"reason", e.reason ? json::value(to_string(*e.reason)) : nullptr},
                 {"recipient", e.recipient ? parsed(*e.recipient) : json::value(nullptr)},
                 {"dossier_code", opt(e.dossier_code)},
                 {"note", opt(e.note)},
                 {"recorded_at", format_rfc3339(e.recorded_at)},
                 {"recorded_by", v.recorded_by},
                 {"anomaly", v.anomaly}};
  return j;
}

json::object notification_json(const store::OutboxMessage& m) {
  return json::object{{"id", raw(m.id)},
                      {"channel", to_string(m.channel)},
                      {"recipient", masked_recipient(m)},
                      {"trigger", to_string(m.trigger)},
                      {"delivery_id", m.delivery_id},
                      {"state", to_string(m.state)},
                      {"attempts", m.attempts},
                      {"next_attempt_at", format_rfc3339(m.next_attempt_at)},
                      {"last_error", opt(m.last_error)}};
}

json::object shipment_json(const tracking::ShipmentView& v, const std::string& public_url) {
  const auto& s = v.shipment;
  json::object citizen{{"name", s.citizen_name},
                       {"phone", s.citizen_phone ? json::value(s.citizen_phone->e164()) : nullptr},
                       {"email", opt(s.citizen_email)},
                       {"address", address_json(s.citizen_address, v.suggested_units)}};
  json::array notify;
  if (s.notify_sms) notify.push_back("sms");
  if (s.notify_email) notify.push_back("email");
  json::object j{
      {"tracking_number", s.tracking_number},
      {"tracking_number_grouped", nullptr},
      {"kind", to_string(s.kind)},
      {"status", to_string(s.status)},
      {"route", to_string(s.route)},
      {"office", json::object{{"code", v.office.code}, {"name", v.office.name}}},
      {"agency", json::object{{"code", v.agency.code}, {"name", v.agency.name}}},
      {"receiving_office", v.receiving_office ? json::value(json::object{{"code", v.receiving_office->code},
                                                                          {"name", v.receiving_office->name}})
                                              : json::value(nullptr)},
      {"procedure", json::object{{"code", s.procedure_code}, {"name", s.procedure_name}}},
      {"agency_statuses", agency_statuses_json(v.agency_statuses)},
      {"dossier_code", opt(s.dossier_code)},
      {"citizen", std::move(citizen)},
      {"documents", parsed(s.documents)},
      {"notify", std::move(notify)},
      {"fee_vnd", s.fee_vnd},
      {"created_at", format_rfc3339(s.created_at)},
      {"due_at", format_rfc3339(s.due_at)},
      {"overdue", v.facts.overdue},
      {"cancelled_at", s.cancelled_at ? json::value(format_rfc3339(*s.cancelled_at)) : nullptr},
  };
  if (auto tn = TrackingNumber::parse(s.tracking_number)) j["tracking_number_grouped"] = tn->grouped();
  json::array linked;
  for (const auto& l : v.linked) linked.push_back(json::value(l));
  j["linked"] = std::move(linked);
  json::array events;
  for (const auto& e : v.events) {
    auto ej = event_json(e);
    ej["tracking_number"] = s.tracking_number;
    events.push_back(std::move(ej));
  }
  j["events"] = std::move(events);
  json::array notifications;
  for (const auto& m : v.notifications) notifications.push_back(notification_json(m));
  j["notifications"] = std::move(notifications);
  const std::string self = "/api/v1/shipments/" + s.tracking_number;
  j["links"] = json::object{{"self", self},
                            {"label", self + "/label"},
                            {"track", public_url + "/track/" + s.tracking_number}};
  return j;
}

json::object public_shipment_json(const tracking::PublicShipment& s, Language lang) {
  json::array events;
  // The agency's statuses join the timeline by time: an item whose type is
  // the status word, with what the citizen should do; never the note.
  auto status = s.agency_statuses.begin();
  auto statuses_until = [&](std::optional<Timestamp> before) {
    for (; status != s.agency_statuses.end() && (!before || status->occurred_at <= *before); ++status) {
      events.push_back(json::object{{"type", to_string(status->status)},
                                    {"text", agency_status_text(status->status, lang)},
                                    {"advice", agency_status_advice(status->status, lang)},
                                    {"office", json::object{{"name", s.agency_name}}},
                                    {"occurred_at", format_rfc3339(status->occurred_at)},
                                    {"anomaly", false}});
    }
  };
  for (const auto& v : s.events) {
    statuses_until(v.event.occurred_at - std::chrono::milliseconds(1));
    std::string text(event_text(v.event.type, s.kind, lang));
    if (v.event.reason) text += ": " + std::string(reason_text(*v.event.reason, lang));
    // Only the office's public name: never the recipient, note or staff.
    events.push_back(json::object{{"type", to_string(v.event.type)},
                                  {"text", text},
                                  {"office", json::object{{"name", v.office.name}}},
                                  {"occurred_at", format_rfc3339(v.event.occurred_at)},
                                  {"anomaly", v.anomaly}});
  }
  statuses_until(std::nullopt);
  json::object j{{"tracking_number", s.tracking_number},
                 {"kind", to_string(s.kind)},
                 {"status", to_string(s.status)},
                 {"status_text", status_text(s.status, lang)},
                 {"due_at", format_rfc3339(s.due_at)},
                 {"events", std::move(events)}};
  if (s.unlocked) {
    j["citizen"] = json::object{{"name", s.masked_name}};
    j["procedure"] = json::object{{"name", s.procedure_name}};
  }
  return j;
}

}  // namespace tracker::http
