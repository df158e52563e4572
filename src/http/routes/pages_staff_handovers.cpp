// Handover lists: making one (handover.js posts it through the API) and one
// list's page, with the receiving office's confirmation form while it is open.
#include "../paging.hpp"
#include "../responses.hpp"
#include "staff_pages.hpp"
#include "tracker/tracking/handover_service.hpp"

namespace tracker::http::staff {
using namespace tracker::domain;

namespace {

std::string tone_of(HandoverStatus s) {
  switch (s) {
    case HandoverStatus::confirmed: return "done";
    case HandoverStatus::voided: return "bad";
    case HandoverStatus::open: return "warn";
  }
  return "neutral";
}

std::string listed_items(RequestContext& ctx, Language lang, const tracking::HandoverView& v, int& count) {
  std::string items;
  for (const auto& i : v.items) {
    if (!i.listed) continue;
    ++count;
    items += templates(ctx).render(
        "staff_handover_item", lang,
        {{"tn", i.tracking_number},
         {"received", !i.received ? "" : *i.received ? " data-received=\"true\"" : " data-received=\"false\""},
         {"tn_grouped", grouped(i.tracking_number)},
         {"kind_text", text(ctx, lang, "kind." + std::string(to_string(i.kind)))},
         {"status_text", std::string(status_text(i.status, lang))}});
  }
  return items;
}

std::string number_list(RequestContext& ctx, Language lang, std::string_view name, const std::vector<std::string>& tns) {
  if (tns.empty()) return "";
  std::string items;
  for (const auto& tn : tns) items += templates(ctx).render("staff_handover_number", lang, {{"tn", tn}, {"tn_grouped", grouped(tn)}});
  return templates(ctx).render("staff_handover_refused", lang,
                               {{"class", std::string(name)}, {"heading", text(ctx, lang, std::string(name))}, {"items", items}});
}

// The confirmation form, for the receiving office while the list is open.
std::string confirm_form(RequestContext& ctx, Language lang, const tracking::HandoverView& v) {
  const auto& p = ctx.principal();
  if (v.handover.status != HandoverStatus::open || p.office_code != v.to.code || !auth::can_write(p)) return "";
  return templates(ctx).render("staff_handover_confirm", lang,
                               {{"id", std::to_string(raw(v.handover.id))}, {"texts", script_texts(ctx, lang)}});
}

std::string handover_content(RequestContext& ctx, Language lang, const tracking::HandoverView& v, const std::string& confirm) {
  const auto& h = v.handover;
  bool confirmed = h.status == HandoverStatus::confirmed;
  int count = 0;
  auto items = listed_items(ctx, lang, v, count);
  return templates(ctx).render(
      "staff_handover", lang,
      {{"code", h.code},
       {"id", std::to_string(raw(h.id))},
       {"status", std::string(to_string(h.status))},
       {"status_text", text(ctx, lang, "handover." + std::string(to_string(h.status)))},
       {"tone", tone_of(h.status)},
       {"from", v.from.code + " · " + v.from.name},
       {"to", v.to.code + " · " + v.to.name},
       {"count", std::to_string(count)},
       {"items", items},
       {"refused", confirmed ? number_list(ctx, lang, "missing", v.missing) + number_list(ctx, lang, "unexpected", v.unexpected) : ""},
       {"confirm", confirm}});
}

}  // namespace

// GET /staff/handovers/new
awaitable<Response> get_handover_new(RequestContext& ctx) {
  auto lang = pages::page_language(ctx.request());
  const auto& p = ctx.principal();
  auto content = templates(ctx).render(
      "staff_handover_new", lang,
      {{"from", p.office_code},
       {"office_options", pages::options(office_options(ctx, false, lang, p.office_code), "")},
       {"texts", script_texts(ctx, lang)}});
  co_return page(ctx, lang, 200, text(ctx, lang, "handover_new_title"), content, {"handover.js"});
}

// GET /staff/handovers/{id}
awaitable<Response> get_handover_page(RequestContext& ctx) {
  auto lang = pages::page_language(ctx.request());
  auto id = parse_positive(ctx.param("id"));
  if (!id) co_return error_page(ctx, lang, make_error(Errc::not_found, "not_found", "No handover list has this id."));
  auto v = ctx.services().handovers.get(ctx.principal(), HandoverId{*id});
  if (!v) co_return error_page(ctx, lang, v.error());
  auto confirm = confirm_form(ctx, lang, *v);
  auto scripts = confirm.empty() ? std::vector<std::string>{} : std::vector<std::string>{"handover.js"};
  co_return page(ctx, lang, 200, text(ctx, lang, "handover_title") + " " + v->handover.code,
                 handover_content(ctx, lang, *v, confirm), scripts);
}

}  // namespace tracker::http::staff
