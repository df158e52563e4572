#include "audit_entry.hpp"

#include <boost/json/serialize.hpp>


namespace tracker::tracking {

store::AuditEntry audit_entry(const auth::Principal& p, domain::Timestamp at, std::string action,
                              std::string subject, const boost::json::object& detail) {
  return store::AuditEntry{p.username, std::move(action), std::move(subject), boost::json::serialize(detail), at};
}

}  // namespace tracker::tracking
