#include "tracker/auth/principal.hpp"

namespace tracker::auth {

std::string_view to_string(Role r) {
  switch (r) {
    case Role::postal_worker: return "postal_worker";
    case Role::clerk: return "clerk";
    case Role::supervisor: return "supervisor";
    case Role::admin: return "admin";
  }
  return "";
}

std::optional<Role> parse_role(std::string_view s) {
  for (Role r : {Role::postal_worker, Role::clerk, Role::supervisor, Role::admin}) {
    if (to_string(r) == s) return r;
  }
  return std::nullopt;
}

bool can_see(const Principal& p, const ShipmentScope& s) {
  if (p.role == Role::admin) return true;
  if (!p.office_id) return false;
  if (p.office_is_agency) return s.agency == *p.office_id;
  return s.created_at_office == *p.office_id || s.handled_by_caller_office;
}

bool can_write(const Principal& p) { return p.role != Role::supervisor; }
bool is_admin(const Principal& p) { return p.role == Role::admin; }

}  // namespace tracker::auth
