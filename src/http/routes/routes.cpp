// The table of contents of the HTTP service: every route, who may call it,
// its body limit, whether it honours an Idempotency-Key and how a miss near
// it is answered. Literal paths come before parameterised ones (the first
// match wins). API.md is the contract; tests/http/openapi_test.cpp checks
// that every route here is in the OpenAPI document.
#include "handlers.hpp"
#include "routes.hpp"
#include "staff_pages.hpp"

namespace tracker::http {

namespace {

constexpr RouteSpec kPublicApi{.access = Access::public_};
constexpr RouteSpec kStaffApi{};
constexpr RouteSpec kStaffCreates{.idempotency = Idempotency::keyed};
constexpr RouteSpec kSystemsApi{.systems = Systems::allowed};  // also for agencies' systems
constexpr RouteSpec kImageUpload{.body = BodyLimit::image};
constexpr RouteSpec kPublicPage{.access = Access::public_, .miss = Miss::page};
constexpr RouteSpec kStaffPage{.access = Access::page, .miss = Miss::page};

}  // namespace

Router make_router() {
  Router r;
  r.add("GET", "/healthz", health_api::get_healthz, kPublicApi);
  r.add("GET", "/readyz", health_api::get_readyz, kPublicApi);
  r.add("GET", "/metrics", health_api::get_metrics, kPublicApi);
  r.add("GET", "/api/v1/openapi.json", health_api::get_openapi, kPublicApi);
  r.add("POST", "/api/v1/offices", office_api::post_office, kStaffCreates);
  r.add("GET", "/api/v1/offices", office_api::get_offices, kStaffApi);
  r.add("PATCH", "/api/v1/offices/{code}", office_api::patch_office, kStaffApi);
  r.add("GET", "/api/v1/units", unit_api::get_units, kPublicApi);
  r.add("GET", "/api/v1/events", event_api::get_events, kSystemsApi);
  r.add("POST", "/api/v1/dossiers/{dossier_code}/events", dossier_api::post_dossier_event, kSystemsApi);
  r.add("POST", "/api/v1/users", office_api::post_user, kStaffApi);
  r.add("GET", "/api/v1/users", office_api::get_users, kStaffApi);
  r.add("POST", "/api/v1/auth/login", office_api::post_login, kPublicApi);
  r.add("POST", "/api/v1/auth/logout", office_api::post_logout, kStaffApi);
  r.add("POST", "/api/v1/shipments", shipment_api::post_shipment, kStaffCreates);
  r.add("GET", "/api/v1/shipments", shipment_api::get_shipments, kStaffApi);
  r.add("GET", "/api/v1/shipments/{tracking_number}", shipment_api::get_shipment, kStaffApi);
  r.add("GET", "/api/v1/shipments/{tracking_number}/notifications", shipment_api::get_notifications, kStaffApi);
  r.add("POST", "/api/v1/shipments/{tracking_number}/cancel", shipment_api::post_cancel, kStaffApi);
  r.add("POST", "/api/v1/scans/batch", scan_api::post_scan_batch, kStaffCreates);
  r.add("POST", "/api/v1/scans", scan_api::post_scan, kStaffCreates);
  r.add("GET", "/api/v1/track/{code}", track_api::get_track, kPublicApi);
  r.add("GET", "/api/v1/shipments/{tracking_number}/label", label_api::get_label, kStaffApi);
  r.add("POST", "/api/v1/labels", label_api::post_labels, kStaffApi);
  r.add("POST", "/api/v1/barcodes/decode", label_api::post_decode, kImageUpload);
  r.add("POST", "/api/v1/webhooks", notification_api::post_webhook, kStaffCreates);
  r.add("GET", "/api/v1/webhooks", notification_api::get_webhooks, kStaffApi);
  r.add("DELETE", "/api/v1/webhooks/{id}", notification_api::delete_webhook, kStaffApi);
  r.add("GET", "/api/v1/notifications", notification_api::get_notifications, kStaffApi);
  r.add("POST", "/api/v1/notifications/{id}/retry", notification_api::post_retry, kStaffApi);
  r.add("POST", "/api/v1/handovers", handover_api::post_handover, kStaffCreates);
  r.add("GET", "/api/v1/handovers/{id}", handover_api::get_handover, kStaffApi);
  r.add("GET", "/api/v1/handovers/{id}/document", handover_api::get_document, kStaffApi);
  r.add("POST", "/api/v1/handovers/{id}/confirm", handover_api::post_confirm, kStaffApi);
  r.add("POST", "/api/v1/handovers/{id}/void", handover_api::post_void, kStaffApi);
  r.add("GET", "/api/v1/reports/summary", report_api::get_summary, kStaffApi);
  r.add("GET", "/api/v1/reports/overdue", report_api::get_overdue, kStaffApi);
  r.add("GET", "/api/v1/calendar/holidays", calendar_api::get_holidays, kStaffApi);
  r.add("PUT", "/api/v1/calendar/holidays", calendar_api::put_holidays, kStaffApi);
  r.add("GET", "/api/v1/calendars/{calendar}", calendar_api::get_calendar, kStaffApi);
  r.add("PUT", "/api/v1/calendars/{calendar}", calendar_api::put_calendar, kStaffApi);
  r.add("GET", "/api/v1/deadlines", calendar_api::get_deadlines, kStaffApi);
  r.add("PUT", "/api/v1/deadlines", calendar_api::put_deadlines, kStaffApi);
  r.add("GET", "/", public_pages::get_home, kPublicPage);
  r.add("GET", "/track", public_pages::get_track_form, kPublicPage);
  r.add("GET", "/track/{code}", public_pages::get_track_page, kPublicPage);
  r.add("GET", "/assets/{name}", public_pages::get_asset, kPublicPage);
  r.add("GET", "/staff/sw.js", public_pages::get_service_worker, kPublicPage);
  r.add("GET", "/staff/login", staff::get_login, kPublicPage);
  r.add("POST", "/staff/login", staff::post_login_form, kPublicPage);
  r.add("POST", "/staff/logout", staff::post_logout_form, kStaffPage);
  r.add("GET", "/staff", staff::get_station, kStaffPage);
  r.add("GET", "/staff/shipments", staff::get_shipment_list, kStaffPage);
  r.add("GET", "/staff/shipments/{tracking_number}", staff::get_shipment_page, kStaffPage);
  r.add("GET", "/staff/dossiers", staff::get_dossiers, kStaffPage);
  r.add("GET", "/staff/handovers/new", staff::get_handover_new, kStaffPage);
  r.add("GET", "/staff/handovers/{id}", staff::get_handover_page, kStaffPage);
  return r;
}

}  // namespace tracker::http
