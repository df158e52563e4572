#pragma once
// Builds views from rows inside one transaction. Private to tracking/.
#include <chrono>
#include <map>

#include "tracker/auth/principal.hpp"
#include "tracker/domain/status.hpp"
#include "tracker/store/tx.hpp"
#include "tracker/tracking/views.hpp"

namespace tracker::tracking {

inline domain::Timestamp now() {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

// Looks offices and users up once per view.
class ViewBuilder {
 public:
  explicit ViewBuilder(store::Tx& tx) : tx_(tx) {}

  OfficeRef office(std::int64_t id);
  std::string username(std::optional<std::int64_t> id);

  // Events with their anomaly marks, and the derivation they come from.
  // with_staff = false leaves recorded_by empty (public views never show it).
  std::vector<EventView> events(const store::Shipment& s, domain::Derivation* derivation = nullptr,
                                bool with_staff = true);
  // The shipment; with_details adds events, notifications and links.
  ShipmentView shipment(const store::Shipment& s, bool with_details);

 private:
  store::Tx& tx_;
  std::map<std::int64_t, OfficeRef> offices_;
  std::map<std::int64_t, std::string> users_;
};

domain::Derivation derive(const store::Shipment& s, const std::vector<store::Event>& events);

bool is_overdue(const store::Shipment& s, domain::Timestamp at);

// The scope facts of a shipment for the caller.
auth::ShipmentScope scope_of(store::Tx& tx, const auth::Principal& p, const store::Shipment& s);

domain::Error not_found_shipment();

}  // namespace tracker::tracking
