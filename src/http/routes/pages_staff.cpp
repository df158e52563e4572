// The staff pages: login, the scan station, shipment lists and pages, the
// clerk's dossier → result page and handover lists. Pages read through the
// same services as the API, with the caller's scope; writes go through the
// API from small scripts carrying the session's CSRF token.
#include "../context.hpp"
#include "../login.hpp"
#include "../pages/page.hpp"
#include "../paging.hpp"
#include "../parse.hpp"
#include "../responses.hpp"
#include "routes.hpp"
#include "tracker/auth/secrets.hpp"
#include "tracker/domain/masking.hpp"
#include "tracker/domain/phone.hpp"
#include "tracker/domain/time.hpp"
#include "tracker/domain/tracking_number.hpp"
#include "tracker/tracking/handovers.hpp"

#include <boost/json/parse.hpp>

namespace tracker::http {
namespace asio = boost::asio;
using asio::awaitable;
using namespace tracker::domain;
using pages::escape;

namespace {

using Options = std::vector<std::pair<std::string, std::string>>;

const pages::Templates& tpl(RequestContext& ctx) { return ctx.internals().pages; }
const std::string& text(RequestContext& ctx, Language lang, std::string_view key) {
  return tpl(ctx).texts().get(lang, key);
}

pages::Frame staff_frame(RequestContext& ctx, Language lang, std::string title, std::string content,
                         std::vector<std::string> scripts = {}) {
  const auto& p = ctx.principal();
  auto csrf = auth::csrf_token(ctx.credential());
  auto nav = tpl(ctx).render("staff_nav", lang,
                             {{"username", p.username},
                              {"office", p.office_code.empty() ? text(ctx, lang, "admin") : p.office_code},
                              {"csrf", csrf}});
  nav += pages::language_switch(tpl(ctx), lang, ctx.request());
  std::string head = "<meta name=\"csrf-token\" content=\"" + csrf + "\">\n";
  return {std::move(title), std::move(content), std::move(nav), std::move(head), std::move(scripts)};
}

Response staff_page(RequestContext& ctx, Language lang, int status, std::string title, std::string content,
                    std::vector<std::string> scripts = {}) {
  return pages::page_response(tpl(ctx), lang, ctx.request(), status,
                              staff_frame(ctx, lang, std::move(title), std::move(content), std::move(scripts)));
}

// An error as a page, in the staff frame: not found, forbidden, invalid.
Response staff_error(RequestContext& ctx, Language lang, const Error& e) {
  int status = status_of(e.errc);
  std::string heading = e.errc == Errc::forbidden ? text(ctx, lang, "forbidden")
                        : e.errc == Errc::not_found ? text(ctx, lang, "error_not_found")
                                                    : text(ctx, lang, "error_invalid");
  std::string detail = e.errc == Errc::forbidden ? text(ctx, lang, "forbidden_detail") : e.detail;
  auto content = "<h1>" + escape(heading) + "</h1>\n<p class=\"detail\">" + escape(detail) + "</p>";
  return staff_page(ctx, lang, status, heading, content);
}

// Only our own staff pages are places to go back to after login.
std::string safe_next(std::string_view next) {
  if (next.rfind("/staff", 0) != 0 || next.find("//") != std::string_view::npos ||
      next.find('\\') != std::string_view::npos) {
    return "/staff";
  }
  return std::string(next);
}

Options office_options(RequestContext& ctx, bool with_all, Language lang, std::string_view skip = "") {
  Options out;
  if (with_all) out.emplace_back("", text(ctx, lang, "all"));
  auto offices = ctx.services().offices.list();
  if (!offices) return out;
  for (const auto& o : *offices) {
    if (o.code == skip) continue;
    out.emplace_back(o.code, o.code + " · " + o.name);
  }
  return out;
}

std::string handover_status_text(RequestContext& ctx, Language lang, const std::string& status) {
  return text(ctx, lang, "handover." + status);
}

std::string shipment_status_text(std::string_view status, Language lang) {
  auto s = parse_shipment_status(status);
  return s ? std::string(status_text(*s, lang)) : std::string(status);
}

std::string grouped(const std::string& tn) {
  auto parsed = TrackingNumber::parse(tn);
  return parsed ? parsed->grouped() : tn;
}

// ---- login / logout -------------------------------------------------------

// `message`: the error shown above the form, plain text ("" for none).
Response login_page(RequestContext& ctx, Language lang, int status, std::string_view next, const std::string& message) {
  const auto& t = tpl(ctx);
  std::string error = message.empty() ? "" : "<p class=\"notice error\" role=\"alert\">" + escape(message) + "</p>\n";
  auto content = t.render("staff_login", lang, {{"next", safe_next(next)}, {"error", error}});
  pages::Frame f{text(ctx, lang, "login_title"), content, pages::language_switch(t, lang, ctx.request()), "", {}};
  return pages::page_response(t, lang, ctx.request(), status, std::move(f));
}

// GET /staff/login
awaitable<Response> get_login(RequestContext& ctx) {
  co_return login_page(ctx, pages::page_language(ctx.request()), 200,
                       ctx.request().query_param("next").value_or("/staff"), "");
}

// A form post must come from our own pages: Origin, when sent, names this host.
bool same_origin(const Request& req) {
  auto origin = req.header("origin");
  if (!origin) return true;
  auto host = req.header("host").value_or("");
  return *origin == "http://" + host || *origin == "https://" + host;
}

// POST /staff/login (form): the session cookie, then back to where the user was going.
awaitable<Response> post_login_form(RequestContext& ctx) {
  auto lang = pages::page_language(ctx.request());
  auto form = parse_form(ctx.request().body);
  auto next = safe_next(form["next"]);
  const auto& failed = text(ctx, lang, "login_failed");
  if (!same_origin(ctx.request())) co_return login_page(ctx, lang, 403, next, text(ctx, lang, "bad_origin"));
  const auto& username = form["username"];
  const auto& password = form["password"];
  if (username.empty() || password.empty() || username.size() > 64 || password.size() > 256) {
    co_return login_page(ctx, lang, 401, next, failed);
  }
  auto outcome = co_await throttled_login(ctx, username, password);
  if (outcome.retry_after.count() > 0) {
    auto r = login_page(ctx, lang, 429, next,
                        pages::fill(text(ctx, lang, "login_throttled"), "seconds", std::to_string(outcome.retry_after.count())));
    r.headers.emplace_back("Retry-After", std::to_string(outcome.retry_after.count()));
    co_return r;
  }
  auto& session = outcome.session;
  if (!session) co_return login_page(ctx, lang, status_of(session.error().errc), next, failed);
  Response r{303, "text/plain; charset=utf-8", "", {{"Location", next}, {"Cache-Control", "no-store"}}};
  r.headers.emplace_back("Set-Cookie", session_cookie(session->token));
  co_return r;
}

// POST /staff/logout (form with the csrf field, checked by the dispatcher)
awaitable<Response> post_logout_form(RequestContext& ctx) {
  co_await ctx.services().auth.logout(ctx.credential());
  Response r{303, "text/plain; charset=utf-8", "", {{"Location", "/staff/login"}, {"Cache-Control", "no-store"}}};
  r.headers.emplace_back("Set-Cookie", expired_session_cookie());
  co_return r;
}

// ---- scan station ---------------------------------------------------------

std::vector<std::string> cue_keys() {
  std::vector<std::string> keys;
  for (const char* k : {"cue.ok", "cue.duplicate", "cue.queued", "cue.bad_check_digit", "cue.not_s10", "cue.error",
                        "cue.synced", "cue.no_barcode", "cue.need_recipient", "online", "offline_note", "scan_ready",
                        "remove", "confirmed_ok", "missing", "unexpected", "handover.confirmed"}) {
    keys.emplace_back(k);
  }
  for (auto type : all_event_types()) keys.push_back("event." + std::string(to_string(type)));
  return keys;
}

// GET /staff
awaitable<Response> get_station(RequestContext& ctx) {
  auto lang = pages::page_language(ctx.request());
  Options types;
  for (auto type : all_event_types()) {
    auto word = std::string(to_string(type));
    types.emplace_back(word, text(ctx, lang, "event." + word));
  }
  Options reasons;
  for (auto r : all_failure_reasons()) reasons.emplace_back(std::string(to_string(r)), std::string(reason_text(r, lang)));
  auto type = ctx.request().query_param("type").value_or("accepted");
  auto content = tpl(ctx).render(
      "staff_station", lang,
      {{"type_options", pages::options(types, type)},
       {"office_options", pages::options(office_options(ctx, false, lang), ctx.principal().office_code)},
       {"reason_options", pages::options(reasons, "addressee_absent")},
       {"texts", pages::texts_block(tpl(ctx), lang, cue_keys())}});
  co_return staff_page(ctx, lang, 200, text(ctx, lang, "station_title"), content, {"station.js"});
}

// ---- shipments ------------------------------------------------------------

// GET /staff/shipments?status=&kind=&office=&overdue=true&cursor=
awaitable<Response> get_shipment_list(RequestContext& ctx) {
  auto lang = pages::page_language(ctx.request());
  const auto& req = ctx.request();
  std::vector<FieldError> errors;
  auto q = parse_shipment_query(ctx, errors);
  if (!errors.empty()) co_return staff_error(ctx, lang, Error{Errc::invalid, "validation_failed", errors.front().message, errors});
  auto page = ctx.services().shipments.list(ctx.principal(), q);
  if (!page) co_return staff_error(ctx, lang, page.error());
  Options statuses{{"", text(ctx, lang, "all")}};
  for (auto s : all_shipment_statuses()) statuses.emplace_back(std::string(to_string(s)), std::string(status_text(s, lang)));
  Options kinds{{"", text(ctx, lang, "all")}, {"dossier", text(ctx, lang, "kind.dossier")}, {"result", text(ctx, lang, "kind.result")}};
  std::string rows;
  auto now = std::chrono::system_clock::now();
  for (const auto& v : page->items) {
    const auto& s = v.shipment;
    bool late = v.overdue || (s.status != "delivered" && s.status != "cancelled" && s.status != "returned" && s.due_at < now && q.overdue_at);
    rows += "<tr data-status=\"" + escape(s.status) + "\"><td><a href=\"/staff/shipments/" + escape(s.tracking_number) + "\">" +
            escape(grouped(s.tracking_number)) + "</a></td><td>" + escape(text(ctx, lang, "kind." + s.kind)) +
            "</td><td><span class=\"status-word small tone-" + std::string(pages::tone_of(s.status)) + "\">" +
            escape(shipment_status_text(s.status, lang)) + "</span></td><td><time datetime=\"" + format_rfc3339(s.due_at) +
            "\">" + format_vn_date(s.due_at) + "</time>" +
            (late ? " <strong class=\"badge bad\">" + escape(text(ctx, lang, "overdue")) + "</strong>" : "") +
            "</td><td>" + escape(v.agency.name) + "</td></tr>\n";
  }
  std::string next;
  if (page->next_before_id) {
    std::string href = "/staff/shipments?cursor=" + std::to_string(*page->next_before_id);
    for (const char* k : {"status", "kind", "office", "overdue"}) {
      if (auto v = req.query_param(k); v && !v->empty()) href += std::string("&") + k + "=" + *v;
    }
    next = "<p><a class=\"button secondary\" rel=\"next\" href=\"" + escape(href) + "\">" + escape(text(ctx, lang, "next_page")) + "</a></p>";
  }
  auto content = tpl(ctx).render(
      "staff_list", lang,
      {{"status_options", pages::options(statuses, req.query_param("status").value_or(""))},
       {"kind_options", pages::options(kinds, req.query_param("kind").value_or(""))},
       {"office_options", pages::options(office_options(ctx, true, lang), req.query_param("office").value_or(""))},
       {"overdue_checked", q.overdue_at ? " checked" : ""},
       {"rows", rows},
       {"empty", page->items.empty() ? "<p class=\"empty\">" + escape(text(ctx, lang, "none_found")) + "</p>\n" : ""},
       {"next", next}});
  co_return staff_page(ctx, lang, 200, text(ctx, lang, "shipments_title"), content);
}

std::string address_text(const std::string& json) {
  boost::system::error_code ec;
  auto v = boost::json::parse(json, ec);
  if (ec || !v.is_object()) return "";
  std::string out;
  for (const char* k : {"line", "commune", "province"}) {
    if (auto* p = v.as_object().if_contains(k); p && p->is_string() && !p->as_string().empty()) {
      out += (out.empty() ? "" : ", ") + std::string(p->as_string());
    }
  }
  return out;
}

std::string address_field(const std::string& json, const char* key) {
  boost::system::error_code ec;
  auto v = boost::json::parse(json, ec);
  if (ec || !v.is_object()) return "";
  auto* p = v.as_object().if_contains(key);
  return p && p->is_string() ? std::string(p->as_string()) : "";
}

std::string notification_rows(RequestContext& ctx, Language lang, const std::vector<store::OutboxMessage>& messages) {
  std::string rows;
  for (const auto& m : messages) {
    if (m.channel == "webhook") continue;
    std::string who = m.channel == "sms" ? [&] {
      auto p = PhoneNumber::parse(m.recipient);
      return p ? p->masked() : std::string("***");
    }() : mask_email(m.recipient);
    auto type = parse_event_type(m.trigger);
    rows += "<tr data-state=\"" + escape(m.state) + "\"><td>" + escape(m.channel == "sms" ? "SMS" : text(ctx, lang, "email")) +
            "</td><td>" + escape(type ? text(ctx, lang, "event." + m.trigger) : m.trigger) + "</td><td>" + escape(who) +
            "</td><td>" + escape(text(ctx, lang, "notif." + m.state)) + "</td><td>" + std::to_string(m.attempts) + "</td></tr>\n";
  }
  if (rows.empty()) rows = "<tr><td colspan=\"5\">" + escape(text(ctx, lang, "no_notifications")) + "</td></tr>";
  return rows;
}

// GET /staff/shipments/{tracking_number}
awaitable<Response> get_shipment_page(RequestContext& ctx) {
  auto lang = pages::page_language(ctx.request());
  auto tn = TrackingNumber::parse(ctx.param("tracking_number"));
  if (!tn) co_return staff_error(ctx, lang, tn.error());
  auto v = ctx.services().shipments.get(ctx.principal(), *tn);
  if (!v) co_return staff_error(ctx, lang, v.error());
  const auto& s = v->shipment;
  std::string linked;
  for (const auto& l : v->linked) {
    linked += "<dt>" + escape(text(ctx, lang, "linked")) + "</dt><dd><a href=\"/staff/shipments/" + escape(l) + "\">" +
              escape(grouped(l)) + "</a></dd>\n";
  }
  std::string phone;
  if (s.citizen_phone) {
    auto p = PhoneNumber::parse(*s.citizen_phone);
    phone = p ? "0" + std::string(p->e164().substr(3)) : *s.citizen_phone;
  }
  auto content = tpl(ctx).render(
      "staff_shipment", lang,
      {{"tn", s.tracking_number},
       {"tn_grouped", grouped(s.tracking_number)},
       {"kind_text", text(ctx, lang, "kind." + s.kind)},
       {"status", s.status},
       {"tone", std::string(pages::tone_of(s.status))},
       {"status_text", shipment_status_text(s.status, lang)},
       {"due_iso", format_rfc3339(s.due_at)},
       {"due_text", format_vn_date(s.due_at)},
       {"overdue", v->overdue ? " <strong class=\"badge bad\">" + escape(text(ctx, lang, "overdue")) + "</strong>" : ""},
       {"office", v->office.name},
       {"agency", v->agency.name},
       {"procedure", s.procedure_code + " · " + s.procedure_name},
       {"dossier_code", s.dossier_code.value_or("—")},
       {"citizen", s.citizen_name},
       {"phone", phone.empty() ? "—" : phone},
       {"address", address_text(s.citizen_address)},
       {"linked", linked},
       {"timeline", pages::timeline(tpl(ctx), lang, s.kind, v->events, true)},
       {"notifications", notification_rows(ctx, lang, v->notifications)}});
  co_return staff_page(ctx, lang, 200, grouped(s.tracking_number), content);
}

// ---- clerk: dossier → result -----------------------------------------------

std::string result_form(RequestContext& ctx, Language lang, const tracking::ShipmentView& d) {
  const auto& s = d.shipment;
  Options routes;
  for (const char* r : {"local", "intra_province", "inter_city", "inter_province"}) {
    routes.emplace_back(r, text(ctx, lang, std::string("route.") + r));
  }
  std::string phone;
  if (s.citizen_phone) {
    auto p = PhoneNumber::parse(*s.citizen_phone);
    phone = p ? "0" + std::string(p->e164().substr(3)) : *s.citizen_phone;
  }
  return tpl(ctx).render("staff_result_form", lang,
                         {{"agency_code", d.agency.code},
                          {"dossier_code", s.dossier_code.value_or("")},
                          {"procedure_code", s.procedure_code},
                          {"procedure", s.procedure_name},
                          {"name", s.citizen_name},
                          {"phone", phone},
                          {"email", s.citizen_email.value_or("")},
                          {"line", address_field(s.citizen_address, "line")},
                          {"commune", address_field(s.citizen_address, "commune")},
                          {"province", address_field(s.citizen_address, "province")},
                          {"route_options", pages::options(routes, s.route)},
                          {"sms_checked", s.notify_sms ? " checked" : ""},
                          {"email_checked", s.notify_email ? " checked" : ""}});
}

// GET /staff/dossiers?code=<dossier code>
awaitable<Response> get_dossiers(RequestContext& ctx) {
  auto lang = pages::page_language(ctx.request());
  auto code = ctx.request().query_param("code").value_or("");
  std::string found;
  if (!code.empty()) {
    std::optional<tracking::ShipmentView> dossier;
    std::optional<tracking::ShipmentView> result;
    if (auto hits = ctx.services().lookup.lookup(code, std::nullopt)) {
      for (const auto& h : *hits) {
        auto tn = TrackingNumber::parse(h.tracking_number);
        if (!tn) continue;
        auto v = ctx.services().shipments.get(ctx.principal(), *tn);
        if (!v) continue;  // outside the caller's scope
        (v->shipment.kind == "dossier" ? dossier : result) = std::move(*v);
      }
    }
    if (!dossier) {
      found = "<p class=\"notice warn\" role=\"status\">" + escape(text(ctx, lang, "dossier_not_found")) + "</p>";
    } else {
      std::string after;
      if (result) {
        after = "<p class=\"notice ok\" id=\"result-existing\">" + escape(text(ctx, lang, "result_exists")) +
                ": <a href=\"/staff/shipments/" + escape(result->shipment.tracking_number) + "\">" +
                escape(grouped(result->shipment.tracking_number)) + "</a></p>";
      } else if (ctx.principal().office_is_agency || ctx.principal().role == auth::Role::admin) {
        after = result_form(ctx, lang, *dossier);
      }
      const auto& s = dossier->shipment;
      found = tpl(ctx).render("staff_dossier_found", lang,
                              {{"tn", s.tracking_number},
                               {"tn_grouped", grouped(s.tracking_number)},
                               {"status", s.status},
                               {"tone", std::string(pages::tone_of(s.status))},
                               {"status_text", shipment_status_text(s.status, lang)},
                               {"procedure", s.procedure_code + " · " + s.procedure_name},
                               {"citizen", s.citizen_name},
                               {"agency", dossier->agency.name},
                               {"result", after}});
    }
  }
  auto content = tpl(ctx).render("staff_dossiers", lang, {{"code", code}, {"found", found}});
  co_return staff_page(ctx, lang, 200, text(ctx, lang, "dossiers_title"), content, {"clerk.js"});
}

// ---- handover lists --------------------------------------------------------

// GET /staff/handovers/new
awaitable<Response> get_handover_new(RequestContext& ctx) {
  auto lang = pages::page_language(ctx.request());
  const auto& p = ctx.principal();
  auto content = tpl(ctx).render(
      "staff_handover_new", lang,
      {{"from", p.office_code},
       {"office_options", pages::options(office_options(ctx, false, lang, p.office_code), "")},
       {"texts", pages::texts_block(tpl(ctx), lang, cue_keys())}});
  co_return staff_page(ctx, lang, 200, text(ctx, lang, "handover_new_title"), content, {"handover.js"});
}

std::string item_list(const std::vector<std::string>& tns) {
  std::string out;
  for (const auto& tn : tns) out += "<li data-tracking-number=\"" + escape(tn) + "\">" + escape(grouped(tn)) + "</li>";
  return out;
}

// GET /staff/handovers/{id}
awaitable<Response> get_handover_page(RequestContext& ctx) {
  auto lang = pages::page_language(ctx.request());
  auto id = parse_positive(ctx.param("id"));
  if (!id) co_return staff_error(ctx, lang, make_error(Errc::not_found, "not_found", ""));
  auto v = ctx.services().handovers.get(ctx.principal(), *id);
  if (!v) co_return staff_error(ctx, lang, v.error());
  const auto& h = v->handover;
  std::string items;
  int listed = 0;
  for (const auto& i : v->items) {
    if (!i.listed) continue;
    ++listed;
    std::string state = !i.received ? "" : *i.received ? " data-received=\"true\"" : " data-received=\"false\"";
    items += "<li data-tracking-number=\"" + escape(i.tracking_number) + "\"" + state + ">" + escape(grouped(i.tracking_number)) +
             " · " + escape(text(ctx, lang, "kind." + i.kind)) + " · " + escape(shipment_status_text(i.status, lang)) + "</li>\n";
  }
  std::string refused;
  if (h.status == "confirmed") {
    if (!v->missing.empty()) {
      refused += "<h3>" + escape(text(ctx, lang, "missing")) + "</h3><ul class=\"log missing\">" + item_list(v->missing) + "</ul>\n";
    }
    if (!v->unexpected.empty()) {
      refused += "<h3>" + escape(text(ctx, lang, "unexpected")) + "</h3><ul class=\"log unexpected\">" + item_list(v->unexpected) + "</ul>\n";
    }
  }
  std::string confirm;
  const auto& p = ctx.principal();
  if (h.status == "open" && p.office_code == v->to.code && auth::can_write(p)) {
    confirm = tpl(ctx).render("staff_handover_confirm", lang,
                              {{"id", std::to_string(h.id)}, {"texts", pages::texts_block(tpl(ctx), lang, cue_keys())}});
  }
  auto content = tpl(ctx).render("staff_handover", lang,
                                 {{"code", h.code},
                                  {"id", std::to_string(h.id)},
                                  {"status", h.status},
                                  {"status_text", handover_status_text(ctx, lang, h.status)},
                                  {"tone", h.status == "confirmed" ? "done" : h.status == "voided" ? "bad" : "warn"},
                                  {"from", v->from.code + " · " + v->from.name},
                                  {"to", v->to.code + " · " + v->to.name},
                                  {"count", std::to_string(listed)},
                                  {"items", items},
                                  {"refused", refused},
                                  {"confirm", confirm}});
  co_return staff_page(ctx, lang, 200, text(ctx, lang, "handover_title") + " " + h.code, content,
                       confirm.empty() ? std::vector<std::string>{} : std::vector<std::string>{"handover.js"});
}

}  // namespace

void add_staff_page_routes(Router& r) {
  r.add("GET", "/staff/login", &get_login, Access::public_);
  r.add("POST", "/staff/login", &post_login_form, Access::public_);
  r.add("POST", "/staff/logout", &post_logout_form, Access::page);
  r.add("GET", "/staff", &get_station, Access::page);
  r.add("GET", "/staff/shipments", &get_shipment_list, Access::page);
  r.add("GET", "/staff/shipments/{tracking_number}", &get_shipment_page, Access::page);
  r.add("GET", "/staff/dossiers", &get_dossiers, Access::page);
  r.add("GET", "/staff/handovers/new", &get_handover_new, Access::page);
  r.add("GET", "/staff/handovers/{id}", &get_handover_page, Access::page);
}

}  // namespace tracker::http
