#pragma once
// The public lookup by tracking number or dossier code: no personal data
// unless the phone's last four digits unlock the masked name. Thread-safe.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tracker/domain/clock.hpp"
#include "tracker/store/store.hpp"
#include "tracker/tracking/task.hpp"
#include "tracker/tracking/views.hpp"

namespace tracker::tracking {

class LookupService {
 public:
  explicit LookupService(store::Store& store, const domain::Clock& clock = domain::system_clock())
      : store_(store), clock_(clock) {}
  // code: a tracking number (any case, spaces) or a dossier code.
  Result<std::vector<PublicShipment>> lookup(std::string_view code,
                                             std::optional<std::string> phone_last4);

 private:
  store::Store& store_;
  const domain::Clock& clock_;
};

}  // namespace tracker::tracking
