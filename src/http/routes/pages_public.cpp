// The citizen's pages: GET / (the lookup form), GET /track?code= (the form's
// target, redirects), GET /track/{code} (status, deadline, what to do and the
// timeline, without JavaScript, no personal data), and the embedded assets.
#include <chrono>

#include "../context.hpp"
#include "../pages/page.hpp"
#include "../rate_limiter.hpp"
#include "handlers.hpp"
#include "routes.hpp"
#include "tracker/domain/deadline.hpp"
#include "tracker/domain/time.hpp"
#include "tracker/domain/tracking_number.hpp"

namespace tracker::http {
namespace asio = boost::asio;
using asio::awaitable;
using namespace tracker::domain;
using pages::escape;

namespace public_pages {

std::string lookup_form(const pages::Templates& t, Language lang, std::string_view code,
                        std::string_view last4) {
  return t.render("lookup_form", lang,
                  {{"code", std::string(code)},
                   {"phone_last4", std::string(last4)},
                   {"lang_field", lang == Language::en ? "<input type=\"hidden\" name=\"lang\" value=\"en\">\n" : ""}});
}

// `same_page`: the language switch leads to this page in the other
// language; else (error pages) to the home page, so that nothing a visitor
// typed is sent back in a link.
pages::Frame public_frame(RequestContext& ctx, Language lang, std::string title, std::string content,
                          bool same_page = true) {
  const auto& t = ctx.internals().pages;
  Request home;
  home.path = "/";
  return {std::move(title), std::move(content), pages::language_switch(t, lang, same_page ? ctx.request() : home), "",
          {}, true};
}

// A page that tells what went wrong, with the form to try again.
Response message_page(RequestContext& ctx, Language lang, int status, std::string_view heading_key,
                      std::string detail, std::string_view code) {
  const auto& t = ctx.internals().pages;
  const auto& heading = t.texts().get(lang, heading_key);
  auto content = t.render("message", lang,
                          {{"heading", heading}, {"detail", std::move(detail)},
                           {"form", lookup_form(t, lang, code, "")}});
  return pages::page_response(t, lang, ctx.request(), status, public_frame(ctx, lang, heading, content, false));
}

std::string text_with_code(const pages::Templates& t, Language lang, std::string_view key, std::string_view code) {
  return pages::fill(t.texts().get(lang, key), "code", code);
}

// The text key of the hint for a failure reason, or "" when it has none.
std::string hint_key(std::optional<FailureReason> reason) {
  if (!reason) return "";
  switch (*reason) {
    case FailureReason::id_not_presented:
    case FailureReason::proxy_not_authorised: return "hint." + std::string(to_string(*reason));
    case FailureReason::address_incomplete:
    case FailureReason::address_not_found: return "hint.address";
    default: return "";
  }
}

// What the citizen should do now: one paragraph, plus a hint for some
// failure reasons. Escaped HTML.
std::string next_step(RequestContext& ctx, Language lang, const tracking::PublicShipment& s) {
  const auto& texts = ctx.internals().pages.texts();
  auto text = escape(texts.get(lang, "next." + std::string(to_string(s.kind)) + "." + std::string(to_string(s.status))));
  std::string hint;
  if (const auto& next = s.facts.next_attempt) {
    text = pages::fill(text, "date", escape(format_vn_date(local_end_of_day(next->day))));
    text = pages::fill(text, "office", escape(next->office.name));
    if (auto key = hint_key(next->reason); !key.empty()) hint = texts.get(lang, key);
  } else if (const auto& hold = s.facts.hold) {
    text = pages::fill(text, "date", escape(format_vn_date(hold->until)));
    text = pages::fill(text, "office", escape(hold->office.name));
  }
  std::string out = "<p>" + text + "</p>";
  if (!hint.empty()) out += "\n<p class=\"hint-strong\">" + escape(hint) + "</p>";
  return out;
}

// The dossier's latest status at its agency, in plain words, with what to do.
std::string agency_status(RequestContext& ctx, Language lang, const tracking::PublicShipment& s) {
  if (s.agency_statuses.empty()) return "";
  const auto& last = s.agency_statuses.back();
  return ctx.internals().pages.render("track_agency_status", lang,
                                      {{"status", std::string(to_string(last.status))},
                                       {"text", std::string(agency_status_text(last.status, lang))},
                                       {"advice", std::string(agency_status_advice(last.status, lang))},
                                       {"when_iso", format_rfc3339(last.occurred_at)},
                                       {"when", format_vn_date(last.occurred_at)}});
}

std::string shipment_section(RequestContext& ctx, Language lang, const tracking::PublicShipment& s) {
  const auto& t = ctx.internals().pages;
  auto tn = TrackingNumber::parse(s.tracking_number);
  auto unlocked = s.unlocked ? t.render("track_unlocked", lang, {{"masked_name", s.masked_name}, {"procedure", s.procedure_name}})
                             : "";
  return t.render(
      "track_shipment", lang,
      {{"tn", s.tracking_number},
       {"tn_grouped", tn ? tn->grouped() : s.tracking_number},
       {"status", std::string(to_string(s.status))},
       {"tone", std::string(pages::tone_of(s.status))},
       {"status_text", std::string(status_text(s.status, lang))},
       {"kind_text", t.texts().get(lang, s.kind == ShipmentKind::result ? "kind_result" : "kind_dossier")},
       {"due_iso", format_rfc3339(s.due_at)},
       {"due_text", format_vn_date(s.due_at)},
       {"overdue", s.facts.overdue ? t.render("overdue_badge", lang, {}) : ""},
       {"unlocked", unlocked},
       {"agency_status", agency_status(ctx, lang, s)},
       {"next_step", next_step(ctx, lang, s)},
       {"timeline", pages::timeline(t, lang, s.kind, s.events, false)}});
}

// GET /
awaitable<Response> get_home(RequestContext& ctx) {
  auto lang = pages::page_language(ctx.request());
  const auto& t = ctx.internals().pages;
  auto content = t.render("home", lang, {{"form", lookup_form(t, lang, "", "")}});
  co_return pages::page_response(t, lang, ctx.request(), 200,
                                 public_frame(ctx, lang, t.texts().get(lang, "home_title"), content),
                                 "public, max-age=300");
}

// A code as typed, without surrounding space; a tracking number the way it
// is stored (no spaces or dashes, upper case); a dossier code as typed.
std::string normal_code(std::string code) {
  while (!code.empty() && std::isspace(static_cast<unsigned char>(code.back()))) code.pop_back();
  while (!code.empty() && std::isspace(static_cast<unsigned char>(code.front()))) code.erase(0, 1);
  if (!TrackingNumber::looks_like(code)) return code;
  std::string normal;
  for (char c : code) {
    if (c != ' ' && c != '-' && c != '\t') normal += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return normal;
}

// /track/{code}, keeping the language and a well-formed phone_last4.
std::string track_location(const Request& req, const std::string& code) {
  std::string query;
  if (auto l = req.query_param("lang"); l && parse_language(*l)) query += "lang=" + *l;
  if (auto p = req.query_param("phone_last4"); p && p->size() == 4 &&
      std::all_of(p->begin(), p->end(), [](char c) { return c >= '0' && c <= '9'; })) {
    query += (query.empty() ? "" : "&") + std::string("phone_last4=") + *p;
  }
  return "/track/" + code + (query.empty() ? "" : "?" + query);
}

// GET /track?code=…: the form's target; 303 to /track/{code}.
awaitable<Response> get_track_form(RequestContext& ctx) {
  auto lang = pages::page_language(ctx.request());
  auto code = normal_code(ctx.request().query_param("code").value_or(""));
  if (code.empty()) co_return message_page(ctx, lang, 400, "error_empty", "", "");
  if (code.size() > 64 || code.find('/') != std::string::npos) {
    // What was typed is not echoed: it is no code, and may be anything
    // (a name, a phone number).
    co_return message_page(ctx, lang, 422, "error_invalid", ctx.internals().pages.texts().get(lang, "error_invalid_detail"), "");
  }
  co_return Response{303, "text/plain; charset=utf-8", "",
                     {{"Location", track_location(ctx.request(), code)}, {"Cache-Control", "no-store"}}};
}

// A lookup that found nothing to show: why, with the form to try again.
Response lookup_error_page(RequestContext& ctx, Language lang, const Error& e, const std::string& code) {
  const auto& t = ctx.internals().pages;
  if (!e.fields.empty() && e.fields.front().code == "bad_check_digit") {
    return message_page(ctx, lang, 422, "error_bad_check_digit", text_with_code(t, lang, "error_bad_check_digit_detail", code),
                        code);
  }
  if (e.errc == Errc::not_found) {
    return message_page(ctx, lang, 404, "error_not_found", text_with_code(t, lang, "error_not_found_detail", code), code);
  }
  return message_page(ctx, lang, 422, "error_invalid", t.texts().get(lang, "error_invalid_detail"), "");
}

std::string track_content(RequestContext& ctx, Language lang, const std::string& code,
                          const std::vector<tracking::PublicShipment>& found, bool unlock_asked) {
  const auto& t = ctx.internals().pages;
  std::string sections;
  bool unlocked = false;
  for (const auto& s : found) {
    sections += shipment_section(ctx, lang, s);
    unlocked = unlocked || s.unlocked;
  }
  auto notice = !unlock_asked ? ""
                              : t.render("track_notice", lang,
                                         {{"tone", unlocked ? "ok" : "warn"},
                                          {"text", t.texts().get(lang, unlocked ? "unlocked_note" : "unlock_failed")}});
  return t.render("track", lang,
                  {{"code", code}, {"notice", notice}, {"shipments", sections}, {"form", lookup_form(t, lang, "", "")}});
}

// GET /track/{code}?phone_last4=
awaitable<Response> get_track_page(RequestContext& ctx) {
  auto lang = pages::page_language(ctx.request());
  const auto& t = ctx.internals().pages;
  const auto& code = ctx.param("code");
  if (auto wait = ctx.internals().lookup_limiter.wait(ctx.request().client_address); wait.count() > 0) {
    auto r = message_page(ctx, lang, 429, "error_rate_limited", t.texts().get(lang, "error_rate_limited_detail"), code);
    r.headers.emplace_back("Retry-After", std::to_string(wait.count()));
    co_return r;
  }
  auto last4 = ctx.request().query_param("phone_last4");
  if (last4 && last4->empty()) last4.reset();
  auto found = ctx.services().lookup.lookup(code, last4);
  if (!found) co_return lookup_error_page(ctx, lang, found.error(), code);
  co_return pages::page_response(t, lang, ctx.request(), 200,
                                 public_frame(ctx, lang, t.texts().get(lang, "track_title") + " " + code,
                                              track_content(ctx, lang, code, *found, last4.has_value())));
}

// GET /assets/{name}: embedded CSS and JavaScript. A versioned URL
// (?v=<hash>) is cached for a year; the ETag answers 304 otherwise.
awaitable<Response> get_asset(RequestContext& ctx) {
  const auto* a = pages::find_asset(ctx.param("name"));
  if (!a) co_return message_page(ctx, pages::page_language(ctx.request()), 404, "error_not_found_page", "", "");
  std::string etag = "\"" + a->version + "\"";
  bool versioned = ctx.request().query_param("v") == a->version;
  std::string cache = versioned ? "public, max-age=31536000, immutable" : "public, max-age=300";
  if (ctx.request().header("if-none-match") == etag) {
    co_return Response{304, std::string(a->content_type), "", {{"ETag", etag}, {"Cache-Control", cache}}};
  }
  co_return Response{200, std::string(a->content_type), std::string(a->content),
                     {{"ETag", etag}, {"Cache-Control", cache}}};
}

// GET /staff/sw.js: the service worker of the staff pages (scope /staff;
// the header allows a scope wider than the script's folder).
awaitable<Response> get_service_worker(RequestContext&) {
  const auto* a = pages::find_asset("sw.js");
  co_return Response{200, std::string(a->content_type), std::string(a->content),
                     {{"Cache-Control", "no-cache"}, {"Service-Worker-Allowed", "/staff"}}};
}

}  // namespace public_pages

}  // namespace tracker::http
