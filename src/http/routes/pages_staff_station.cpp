// The scan station: one page, its script records the scans through the API.
#include "staff_pages.hpp"
#include "tracker/domain/event.hpp"

namespace tracker::http::staff {
using namespace tracker::domain;

namespace {

Options reason_options(Language lang) {
  Options reasons;
  for (auto r : all_failure_reasons()) reasons.emplace_back(std::string(to_string(r)), std::string(reason_text(r, lang)));
  return reasons;
}

}  // namespace

// GET /staff?type=<event type preselected>
awaitable<Response> get_station(RequestContext& ctx) {
  auto lang = pages::page_language(ctx.request());
  auto type = ctx.request().query_param("type").value_or("accepted");
  auto content = templates(ctx).render(
      "staff_station", lang,
      {{"type_options", pages::options(word_options(ctx, lang, all_event_types(), "event."), type)},
       {"office_options", pages::options(office_options(ctx, false, lang), ctx.principal().office_code)},
       {"reason_options", pages::options(reason_options(lang), to_string(FailureReason::addressee_absent))},
       {"texts", script_texts(ctx, lang)}});
  co_return page(ctx, lang, 200, text(ctx, lang, "station_title"), content, {"station.js"});
}

}  // namespace tracker::http::staff
