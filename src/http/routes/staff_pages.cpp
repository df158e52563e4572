#include "staff_pages.hpp"

#include "../responses.hpp"
#include "routes.hpp"
#include "tracker/auth/secrets.hpp"
#include "tracker/domain/event.hpp"
#include "tracker/domain/tracking_number.hpp"

namespace tracker::http::staff {
using namespace tracker::domain;

const pages::Templates& templates(RequestContext& ctx) { return ctx.internals().pages; }

const std::string& text(RequestContext& ctx, Language lang, std::string_view key) {
  return templates(ctx).texts().get(lang, key);
}

Response page(RequestContext& ctx, Language lang, int status, std::string title, std::string content,
              std::vector<std::string> scripts) {
  const auto& p = ctx.principal();
  const auto& t = templates(ctx);
  auto csrf = auth::csrf_token(ctx.credential());
  auto nav = t.render("staff_nav", lang,
                      {{"username", p.username},
                       {"office", p.office_code.empty() ? text(ctx, lang, "admin") : p.office_code},
                       {"csrf", csrf}});
  nav += pages::language_switch(t, lang, ctx.request());
  std::string head = "<meta name=\"csrf-token\" content=\"" + csrf + "\">\n";
  return pages::page_response(t, lang, ctx.request(), status,
                              {std::move(title), std::move(content), std::move(nav), std::move(head), std::move(scripts)});
}

Response error_page(RequestContext& ctx, Language lang, const Error& e) {
  std::string key = e.errc == Errc::forbidden   ? "staff_error.forbidden"
                    : e.errc == Errc::not_found ? "staff_error.not_found"
                    : e.errc == Errc::conflict  ? "staff_error.conflict"
                                                : "staff_error.invalid";
  const auto& heading = text(ctx, lang, key);
  // The service's own detail is English: it follows the page's words, marked
  // as English, for the clerk who reports it (never on a forbidden page).
  std::string technical = e.errc == Errc::forbidden || e.detail.empty() ? "" : e.detail;
  auto content = templates(ctx).render("staff_error", lang,
                                       {{"heading", heading},
                                        {"detail", text(ctx, lang, key + "_detail")},
                                        {"technical", technical.empty() ? "" : templates(ctx).render(
                                                          "staff_error_technical", lang, {{"technical", technical}})}});
  return page(ctx, lang, status_of(e.errc), heading, content);
}

std::string safe_next(std::string_view next) {
  if (next.rfind("/staff", 0) != 0 || next.find("//") != std::string_view::npos ||
      next.find('\\') != std::string_view::npos) {
    return "/staff";
  }
  return std::string(next);
}

Options office_options(RequestContext& ctx, bool with_all, Language lang, std::string_view skip) {
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

std::string script_texts(RequestContext& ctx, Language lang) {
  std::vector<std::string> keys;
  for (const char* k : {"cue.ok", "cue.duplicate", "cue.queued", "cue.bad_check_digit", "cue.not_s10", "cue.error",
                        "cue.synced", "cue.no_barcode", "cue.need_recipient", "online", "offline_note", "scan_ready",
                        "remove", "confirmed_ok", "missing", "unexpected", "handover.confirmed"}) {
    keys.emplace_back(k);
  }
  for (auto type : all_event_types()) keys.push_back("event." + std::string(to_string(type)));
  return pages::texts_block(templates(ctx), lang, keys);
}

std::string overdue_badge(RequestContext& ctx, Language lang, bool overdue) {
  return overdue ? templates(ctx).render("overdue_badge", lang, {}) : "";
}

std::string grouped(std::string_view tracking_number) {
  auto parsed = TrackingNumber::parse(tracking_number);
  return parsed ? parsed->grouped() : std::string(tracking_number);
}

}  // namespace tracker::http::staff
