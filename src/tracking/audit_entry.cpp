#include "audit_entry.hpp"

#include <boost/json/serialize.hpp>

#include "view_builder.hpp"

namespace tracker::tracking {

store::AuditEntry audit_entry(const auth::Principal& p, std::string action, std::string subject,
                              const boost::json::object& detail) {
  return store::AuditEntry{p.username, std::move(action), std::move(subject), boost::json::serialize(detail),
                           now()};
}

}  // namespace tracker::tracking
