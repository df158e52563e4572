#include "tracker/auth/principal.hpp"

namespace tracker::auth {

bool can_see(const Principal& p, const ShipmentScope& s) {
  if (p.role == Role::admin) return true;
  if (!p.office_id) return false;
  if (p.office_is_agency) return s.agency == *p.office_id;
  return s.created_at_office == *p.office_id || s.handled_by_caller_office;
}

bool can_write(const Principal& p) { return p.role != Role::supervisor; }
bool is_admin(const Principal& p) { return p.role == Role::admin; }

}  // namespace tracker::auth
