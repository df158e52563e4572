// The clerk's dossier page: find a dossier by its code, see the result made
// from it, or make the result (the form posts through the API from clerk.js).
#include "staff_pages.hpp"
#include "tracker/domain/dossier_code.hpp"

namespace tracker::http::staff {
using namespace tracker::domain;

namespace {

// The result's form, filled from the dossier: the citizen usually wants the
// result where the dossier came from.
std::string result_form(RequestContext& ctx, Language lang, const tracking::ShipmentView& d) {
  const auto& s = d.shipment;
  const auto& a = s.citizen_address;
  return templates(ctx).render("staff_result_form", lang,
                               {{"agency_code", d.agency.code},
                                {"dossier_code", s.dossier_code.value_or("")},
                                {"procedure_code", s.procedure_code},
                                {"procedure", s.procedure_name},
                                {"name", s.citizen_name},
                                {"phone", s.citizen_phone ? s.citizen_phone->national() : ""},
                                {"email", s.citizen_email.value_or("")},
                                {"line", a.line.value_or("")},
                                {"commune", a.commune.value_or("")},
                                {"province", a.province.value_or("")},
                                {"commune_code", a.commune_code.value_or("")},
                                {"province_code", a.province_code.value_or("")},
                                {"unit_readonly", a.two_tier() ? " readonly" : ""},
                                {"route_options", pages::options(word_options(ctx, lang, all_routes(), "route."), to_string(s.route))},
                                {"sms_checked", s.notify_sms ? " checked" : ""},
                                {"email_checked", s.notify_email ? " checked" : ""}});
}

// Under the dossier: the result when there is one, else the form for those
// who may make it (an agency's clerk, an admin), else nothing.
std::string after_dossier(RequestContext& ctx, Language lang, const tracking::DossierPair& pair) {
  if (pair.result) {
    const auto& tn = pair.result->shipment.tracking_number;
    return templates(ctx).render("staff_result_existing", lang, {{"tn", tn}, {"tn_grouped", grouped(tn)}});
  }
  const auto& p = ctx.principal();
  if (p.office_is_agency || p.role == Role::admin) return result_form(ctx, lang, *pair.dossier);
  return "";
}

std::string found_content(RequestContext& ctx, Language lang, const Result<tracking::DossierPair>& pair) {
  if (!pair || !pair->dossier) return templates(ctx).render("staff_dossier_not_found", lang, {});
  const auto& d = *pair->dossier;
  const auto& s = d.shipment;
  return templates(ctx).render("staff_dossier_found", lang,
                               {{"tn", s.tracking_number},
                                {"tn_grouped", grouped(s.tracking_number)},
                                {"status", std::string(to_string(s.status))},
                                {"tone", std::string(pages::tone_of(s.status))},
                                {"status_text", std::string(status_text(s.status, lang))},
                                {"procedure", s.procedure_code + " · " + s.procedure_name},
                                {"citizen", s.citizen_name},
                                {"agency", d.agency.name},
                                {"result", after_dossier(ctx, lang, *pair)}});
}

}  // namespace

// GET /staff/dossiers?code=<dossier code>
awaitable<Response> get_dossiers(RequestContext& ctx) {
  auto lang = pages::page_language(ctx.request());
  auto code = ctx.request().query_param("code").value_or("");
  std::string found;
  if (!code.empty()) {
    auto parsed = DossierCode::parse(code);
    auto pair = parsed ? ctx.services().shipments.find_dossier_pair(ctx.principal(), *parsed)
                       : Result<tracking::DossierPair>(parsed.error());
    found = found_content(ctx, lang, pair);
  }
  auto content = templates(ctx).render("staff_dossiers", lang, {{"code", code}, {"found", found}});
  co_return page(ctx, lang, 200, text(ctx, lang, "dossiers_title"), content, {"clerk.js"});
}

}  // namespace tracker::http::staff
