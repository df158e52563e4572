// The shipment list with its filters, and one shipment's page: facts,
// labels, timeline and notifications.
#include "../paging.hpp"
#include "../responses.hpp"
#include "staff_pages.hpp"
#include "tracker/domain/masking.hpp"
#include "tracker/domain/phone.hpp"
#include "tracker/domain/time.hpp"
#include "tracker/domain/tracking_number.hpp"

namespace tracker::http::staff {
using namespace tracker::domain;
using pages::escape;

namespace {

Options status_options(RequestContext& ctx, Language lang) {
  Options statuses{{"", text(ctx, lang, "all")}};
  for (auto s : all_shipment_statuses()) statuses.emplace_back(std::string(to_string(s)), std::string(status_text(s, lang)));
  return statuses;
}

Options kind_options(RequestContext& ctx, Language lang) {
  Options kinds{{"", text(ctx, lang, "all")}};
  for (auto& o : word_options(ctx, lang, std::vector{ShipmentKind::dossier, ShipmentKind::result}, "kind.")) kinds.push_back(o);
  return kinds;
}

std::string kind_text(RequestContext& ctx, Language lang, ShipmentKind kind) {
  return text(ctx, lang, "kind." + std::string(to_string(kind)));
}

// One <tr> of the list. `filtered_overdue`: the list shows only shipments
// past their deadline, each marked.
std::string list_row(RequestContext& ctx, Language lang, const tracking::ShipmentView& v, bool filtered_overdue) {
  const auto& s = v.shipment;
  return templates(ctx).render(
      "staff_list_row", lang,
      {{"status", std::string(to_string(s.status))},
       {"tn", s.tracking_number},
       {"tn_grouped", grouped(s.tracking_number)},
       {"kind_text", kind_text(ctx, lang, s.kind)},
       {"tone", std::string(pages::tone_of(s.status))},
       {"status_text", std::string(status_text(s.status, lang))},
       {"due_iso", format_rfc3339(s.due_at)},
       {"due_text", format_vn_date(s.due_at)},
       {"overdue", overdue_badge(ctx, lang, v.facts.overdue || (filtered_overdue && !v.facts.terminal))},
       {"agency", v.agency.name}});
}

// The "next page" link: the same filters, the cursor after the last row.
std::string next_link(RequestContext& ctx, Language lang, const tracking::ShipmentPage& page) {
  if (!page.next_before_id) return "";
  std::string href = "/staff/shipments?cursor=" + std::to_string(raw(*page.next_before_id));
  for (const char* k : {"status", "kind", "office", "overdue"}) {
    if (auto v = ctx.request().query_param(k); v && !v->empty()) href += std::string("&") + k + "=" + pages::percent_encode(*v);
  }
  return templates(ctx).render("staff_next_link", lang, {{"href", href}});
}

std::string list_content(RequestContext& ctx, Language lang, const store::ShipmentQuery& q,
                         const tracking::ShipmentPage& page) {
  const auto& req = ctx.request();
  std::string rows;
  for (const auto& v : page.items) rows += list_row(ctx, lang, v, q.overdue_at.has_value());
  return templates(ctx).render(
      "staff_list", lang,
      {{"status_options", pages::options(status_options(ctx, lang), req.query_param("status").value_or(""))},
       {"kind_options", pages::options(kind_options(ctx, lang), req.query_param("kind").value_or(""))},
       {"office_options", pages::options(office_options(ctx, true, lang), req.query_param("office").value_or(""))},
       {"overdue_checked", q.overdue_at ? " checked" : ""},
       {"rows", rows},
       {"empty", page.items.empty() ? templates(ctx).render("staff_none_found", lang, {}) : ""},
       {"next", next_link(ctx, lang, page)}});
}

// Who a message went to, masked: staff see that it went, not the number.
std::string masked_recipient(const store::OutboxMessage& m) {
  if (m.channel != Channel::sms) return mask_email(m.recipient);
  auto p = PhoneNumber::parse(m.recipient);
  return p ? p->masked() : std::string("***");
}

// A scan's word from the page texts, an agency's status in its plain words.
std::string trigger_text(RequestContext& ctx, Language lang, const Trigger& trigger) {
  if (const auto* status = std::get_if<AgencyStatus>(&trigger)) return std::string(agency_status_text(*status, lang));
  return text(ctx, lang, "event." + std::string(to_string(trigger)));
}

std::string notification_rows(RequestContext& ctx, Language lang, const std::vector<store::OutboxMessage>& messages) {
  std::string rows;
  for (const auto& m : messages) {
    if (!is_citizen_channel(m.channel)) continue;
    rows += templates(ctx).render(
        "staff_notification_row", lang,
        {{"state", std::string(to_string(m.state))},
         {"channel", m.channel == Channel::sms ? "SMS" : text(ctx, lang, "email")},
         {"trigger", trigger_text(ctx, lang, m.trigger)},
         {"recipient", masked_recipient(m)},
         {"state_text", text(ctx, lang, "notif." + std::string(to_string(m.state)))},
         {"attempts", std::to_string(m.attempts)}});
  }
  return rows.empty() ? templates(ctx).render("staff_notification_none", lang, {}) : rows;
}

std::string linked_rows(RequestContext& ctx, Language lang, const std::vector<std::string>& linked) {
  std::string out;
  for (const auto& tn : linked) out += templates(ctx).render("staff_linked", lang, {{"tn", tn}, {"tn_grouped", grouped(tn)}});
  return out;
}

std::string shipment_content(RequestContext& ctx, Language lang, const tracking::ShipmentView& v) {
  const auto& s = v.shipment;
  auto address = s.citizen_address.one_line();
  return templates(ctx).render(
      "staff_shipment", lang,
      {{"tn", s.tracking_number},
       {"tn_grouped", grouped(s.tracking_number)},
       {"kind_text", kind_text(ctx, lang, s.kind)},
       {"status", std::string(to_string(s.status))},
       {"tone", std::string(pages::tone_of(s.status))},
       {"status_text", std::string(status_text(s.status, lang))},
       {"due_iso", format_rfc3339(s.due_at)},
       {"due_text", format_vn_date(s.due_at)},
       {"overdue", overdue_badge(ctx, lang, v.facts.overdue)},
       {"office", v.office.name},
       {"agency", v.agency.name},
       {"procedure", s.procedure_code + " · " + s.procedure_name},
       {"dossier_code", s.dossier_code.value_or("—")},
       {"citizen", s.citizen_name},
       {"phone", s.citizen_phone ? s.citizen_phone->national() : "—"},
       {"address", address.empty() ? "—" : address},
       {"linked", linked_rows(ctx, lang, v.linked)},
       {"timeline", pages::timeline(templates(ctx), lang, s.kind, v.events, true)},
       {"notifications", notification_rows(ctx, lang, v.notifications)}});
}

}  // namespace

// GET /staff/shipments?status=&kind=&office=&overdue=true&cursor=
awaitable<Response> get_shipment_list(RequestContext& ctx) {
  auto lang = pages::page_language(ctx.request());
  std::vector<FieldError> errors;
  auto q = parse_shipment_query(ctx, errors);
  if (!errors.empty()) co_return error_page(ctx, lang, Error{Errc::invalid, "validation_failed", errors.front().message, errors});
  auto found = ctx.services().shipments.list(ctx.principal(), q);
  if (!found) co_return error_page(ctx, lang, found.error());
  co_return page(ctx, lang, 200, text(ctx, lang, "shipments_title"), list_content(ctx, lang, q, *found));
}

// GET /staff/shipments/{tracking_number}
awaitable<Response> get_shipment_page(RequestContext& ctx) {
  auto lang = pages::page_language(ctx.request());
  auto tn = TrackingNumber::parse(ctx.param("tracking_number"));
  if (!tn) co_return error_page(ctx, lang, tn.error());
  auto v = ctx.services().shipments.get(ctx.principal(), *tn);
  if (!v) co_return error_page(ctx, lang, v.error());
  co_return page(ctx, lang, 200, tn->grouped(), shipment_content(ctx, lang, *v));
}

}  // namespace tracker::http::staff
