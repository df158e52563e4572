#pragma once
// Every handler of the route table (routes.cpp), by the file that holds it.
// A handler parses the request, makes one service call and maps the result.
#include <boost/asio/awaitable.hpp>

#include "../context.hpp"

namespace tracker::http {

using HandlerResult = boost::asio::awaitable<Response>;

namespace health_api {  // routes/health.cpp
HandlerResult get_healthz(RequestContext& ctx);
HandlerResult get_readyz(RequestContext& ctx);
HandlerResult get_metrics(RequestContext& ctx);
HandlerResult get_openapi(RequestContext& ctx);
}  // namespace health_api

namespace office_api {  // routes/offices.cpp
HandlerResult post_office(RequestContext& ctx);
HandlerResult get_offices(RequestContext& ctx);
HandlerResult patch_office(RequestContext& ctx);
HandlerResult post_user(RequestContext& ctx);
HandlerResult get_users(RequestContext& ctx);
HandlerResult post_login(RequestContext& ctx);
HandlerResult post_logout(RequestContext& ctx);
}  // namespace office_api

namespace shipment_api {  // routes/shipments.cpp
HandlerResult post_shipment(RequestContext& ctx);
HandlerResult get_shipments(RequestContext& ctx);
HandlerResult get_shipment(RequestContext& ctx);
HandlerResult get_notifications(RequestContext& ctx);
HandlerResult post_cancel(RequestContext& ctx);
}  // namespace shipment_api

namespace scan_api {  // routes/scans.cpp
HandlerResult post_scan_batch(RequestContext& ctx);
HandlerResult post_scan(RequestContext& ctx);
}  // namespace scan_api

namespace track_api {  // routes/track.cpp
HandlerResult get_track(RequestContext& ctx);
}  // namespace track_api

namespace label_api {  // routes/labels.cpp
HandlerResult get_label(RequestContext& ctx);
HandlerResult post_labels(RequestContext& ctx);
HandlerResult post_decode(RequestContext& ctx);
}  // namespace label_api

namespace notification_api {  // routes/notifications.cpp
HandlerResult post_webhook(RequestContext& ctx);
HandlerResult get_webhooks(RequestContext& ctx);
HandlerResult delete_webhook(RequestContext& ctx);
HandlerResult get_notifications(RequestContext& ctx);
HandlerResult post_retry(RequestContext& ctx);
}  // namespace notification_api

namespace handover_api {  // routes/handovers.cpp
HandlerResult post_handover(RequestContext& ctx);
HandlerResult get_handover(RequestContext& ctx);
HandlerResult get_document(RequestContext& ctx);
HandlerResult post_confirm(RequestContext& ctx);
HandlerResult post_void(RequestContext& ctx);
}  // namespace handover_api

namespace report_api {  // routes/reports.cpp
HandlerResult get_summary(RequestContext& ctx);
HandlerResult get_overdue(RequestContext& ctx);
}  // namespace report_api

namespace calendar_api {  // routes/calendar.cpp
HandlerResult get_holidays(RequestContext& ctx);
HandlerResult put_holidays(RequestContext& ctx);
HandlerResult get_calendar(RequestContext& ctx);
HandlerResult put_calendar(RequestContext& ctx);
HandlerResult get_deadlines(RequestContext& ctx);
HandlerResult put_deadlines(RequestContext& ctx);
}  // namespace calendar_api

namespace event_api {  // routes/events.cpp
HandlerResult get_events(RequestContext& ctx);
}  // namespace event_api

namespace dossier_api {  // routes/dossier_events.cpp
HandlerResult post_dossier_event(RequestContext& ctx);
}  // namespace dossier_api

namespace unit_api {  // routes/units.cpp
HandlerResult get_units(RequestContext& ctx);
}  // namespace unit_api

namespace public_pages {  // routes/pages_public.cpp
HandlerResult get_home(RequestContext& ctx);
HandlerResult get_track_form(RequestContext& ctx);
HandlerResult get_track_page(RequestContext& ctx);
HandlerResult get_asset(RequestContext& ctx);
HandlerResult get_service_worker(RequestContext& ctx);
}  // namespace public_pages

// The staff pages: routes/staff_pages.hpp and pages_staff_<resource>.cpp.

}  // namespace tracker::http
