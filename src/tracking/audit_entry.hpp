#pragma once
// One audit trail line for an action of `p` at `at`. Private to tracking/.
#include <boost/json/object.hpp>

#include "tracker/auth/principal.hpp"
#include "tracker/store/records.hpp"

namespace tracker::tracking {

store::AuditEntry audit_entry(const auth::Principal& p, domain::Timestamp at, std::string action, std::string subject,
                              const boost::json::object& detail = {});

}  // namespace tracker::tracking
