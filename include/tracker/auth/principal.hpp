#pragma once
// Who is calling, and what their role and office let them see and do
// (the Roles table of API.md).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "tracker/domain/ids.hpp"
#include "tracker/domain/vocabulary.hpp"

namespace tracker::auth {

using domain::Role;  // with domain::to_string and domain::parse_role

struct Principal {
  domain::UserId user_id{};
  std::string username;
  Role role = Role::postal_worker;
  std::optional<domain::OfficeId> office_id;  // none only for admins
  std::string office_code;
  bool office_is_agency = false;
};

// Facts about a shipment that decide who may see it.
struct ShipmentScope {
  domain::OfficeId created_at_office{};
  domain::OfficeId agency{};
  bool handled_by_caller_office = false;  // the caller's office created or scanned it
};

// Staff see: admins everything; agency staff their agency's shipments;
// post office staff what their office created or handled.
bool can_see(const Principal& p, const ShipmentScope& s);
// Everything but supervisors may record scans and create shipments.
bool can_write(const Principal& p);
bool is_admin(const Principal& p);

}  // namespace tracker::auth
