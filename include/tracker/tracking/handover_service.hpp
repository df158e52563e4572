#pragma once
// Handover lists (biên bản giao nhận) between a post office and an agency.
// Thread-safe; writes complete after their commit. Confirming records one
// event per received item in the same transaction: a dossier handed to its
// agency becomes delivered (its legal submission time), a result collected
// from its agency becomes accepted.
#include <boost/asio/awaitable.hpp>
#include <string>
#include <vector>

#include "tracker/auth/principal.hpp"
#include "tracker/domain/time.hpp"
#include "tracker/store/store.hpp"
#include "tracker/tracking/scan_service.hpp"
#include "tracker/tracking/views.hpp"

namespace tracker::tracking {

struct NewHandover {
  std::string from_office;  // office codes
  std::string to_office;
  std::vector<std::string> tracking_numbers;  // as typed; parsed here, each refusal named
};

struct HandoverConfirmation {
  std::vector<std::string> received;  // what is really in the bag
  domain::Timestamp occurred_at{};    // when the record was signed
  std::string received_by;            // who signed for the receiving office
};

struct HandoverView {
  store::Handover handover;
  OfficeRef from;
  OfficeRef to;
  std::vector<store::HandoverItem> items;  // listed first, in list order; then unlisted arrivals
  std::vector<std::string> missing;        // listed, not received
  std::vector<std::string> unexpected;     // received, not listed (unknown numbers too, on confirmation)
};

class HandoverService {
 public:
  // Lists are numbered per day and dated by `clock`.
  HandoverService(store::Store& store, NotifyChannels channels,
                  const domain::Clock& clock = domain::system_clock())
      : store_(store), channels_(channels), clock_(clock) {}

  Task<HandoverView> create(const auth::Principal& p, NewHandover h);
  Result<HandoverView> get(const auth::Principal& p, domain::HandoverId id);
  // Once, by the receiving office; a second confirmation is conflict.
  Task<HandoverView> confirm(const auth::Principal& p, domain::HandoverId id, HandoverConfirmation c);
  // Only while open, by the sending office; the list stays visible.
  Task<HandoverView> void_list(const auth::Principal& p, domain::HandoverId id, std::string reason);

 private:
  store::Store& store_;
  NotifyChannels channels_;
  const domain::Clock& clock_;
};

}  // namespace tracker::tracking
