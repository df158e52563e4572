#pragma once
// The route tables, one function per resource. Handlers are thin: parse,
// make one service call, map the result.
#include <string_view>

#include "../router.hpp"

namespace tracker::http {

void add_health_routes(Router& r);
void add_office_routes(Router& r);
void add_user_routes(Router& r);
void add_shipment_routes(Router& r);
void add_scan_routes(Router& r);
void add_track_routes(Router& r);
void add_label_routes(Router& r);
void add_notification_routes(Router& r);
void add_handover_routes(Router& r);
void add_report_routes(Router& r);
void add_calendar_routes(Router& r);
void add_public_page_routes(Router& r);
void add_staff_page_routes(Router& r);

// Every route of the API, literal paths before parameterised ones.
Router make_router();

// The OpenAPI 3.1 document served at /api/v1/openapi.json.
std::string_view openapi_document();

}  // namespace tracker::http
