#pragma once
// Views into JSON. Staff views carry the citizen's data (the caller's scope
// was checked); the public view never does.
#include <boost/json/value.hpp>

#include "tracker/auth/auth_service.hpp"
#include "tracker/domain/event.hpp"
#include "tracker/tracking/views.hpp"

namespace tracker::http {

boost::json::object office_json(const store::Office& o);
boost::json::object user_json(const auth::UserView& u);
boost::json::object event_json(const tracking::EventView& e);
boost::json::object notification_json(const store::OutboxMessage& m);
boost::json::object shipment_json(const tracking::ShipmentView& v, const std::string& public_url);
boost::json::object public_shipment_json(const tracking::PublicShipment& s, domain::Language lang);

}  // namespace tracker::http
