#pragma once
// Who is calling, and what their role and office let them see and do
// (the Roles table of API.md).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tracker::auth {

enum class Role { postal_worker, clerk, supervisor, admin };

std::string_view to_string(Role r);
std::optional<Role> parse_role(std::string_view s);

struct Principal {
  std::int64_t user_id = 0;
  std::string username;
  Role role = Role::postal_worker;
  std::optional<std::int64_t> office_id;  // none only for admins
  std::string office_code;
  bool office_is_agency = false;
};

// Facts about a shipment that decide who may see it.
struct ShipmentScope {
  std::int64_t created_at_office = 0;
  std::int64_t agency = 0;
  bool handled_by_caller_office = false;  // the caller's office created or scanned it
};

// Staff see: admins everything; agency staff their agency's shipments;
// post office staff what their office created or handled.
bool can_see(const Principal& p, const ShipmentScope& s);
// Everything but supervisors may record scans and create shipments.
bool can_write(const Principal& p);
bool is_admin(const Principal& p);

}  // namespace tracker::auth
