#pragma once
// What happens to a dossier at its agency between the two legs, posted by
// the province's TTHC information system (role agency_system, one agency):
// POST /api/v1/dossiers/{dossier_code}/events, idempotent on event_id like
// scans; consenting citizens and subscribed webhooks are told in the same
// transaction. Thread-safe.
#include <optional>
#include <string>

#include "tracker/auth/principal.hpp"
#include "tracker/domain/clock.hpp"
#include "tracker/domain/dossier_code.hpp"
#include "tracker/store/store.hpp"
#include "tracker/tracking/scan_service.hpp"
#include "tracker/tracking/task.hpp"

namespace tracker::tracking {

struct DossierStatusRequest {
  std::string event_id;  // canonical UUID
  domain::AgencyStatus status = domain::AgencyStatus::received;
  domain::Timestamp occurred_at{};
  std::optional<std::string> note;
  std::string body_hash;  // SHA-256 of the canonical request
};

struct RecordedDossierStatus {
  store::DossierStatus status;
  std::string tracking_number;  // of the dossier shipment
  bool created = false;         // false: the same event was already recorded
};

class DossierStatusService {
 public:
  // Citizens' messages are written only for the configured `channels`.
  explicit DossierStatusService(store::Store& store, NotifyChannels channels = {},
                                const domain::Clock& clock = domain::system_clock())
      : store_(store), channels_(channels), clock_(clock) {}

  // agency_system of the dossier's agency, or an admin; another agency's
  // system 403; no dossier shipment with this code 404; the same event_id
  // with another body 409; occurred_at more than 5 minutes ahead 422.
  Task<RecordedDossierStatus> record(const auth::Principal& p, domain::DossierCode code, DossierStatusRequest r);

 private:
  store::Store& store_;
  NotifyChannels channels_;
  const domain::Clock& clock_;
};

}  // namespace tracker::tracking
