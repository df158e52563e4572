#pragma once
// One province in a temporary SQLite file with the tracking services over
// it, in process and on a ManualClock: the rules of tracking run at any
// instant without the binary, a port, libfaketime or a wait.
// Offices: post office BD-TP, agencies UBND-DX (000.00.19.H12) and UBND-SN
// (000.00.19.H13); users: an admin, a postal worker at BD-TP, a clerk of
// each agency. Not thread-safe: one test's thread.
#include <boost/asio/thread_pool.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "run_async.hpp"
#include "test_server.hpp"
#include "tracker/auth/auth_service.hpp"
#include "tracker/domain/clock.hpp"
#include "tracker/tracking/office_service.hpp"
#include "tracker/tracking/scan_service.hpp"
#include "tracker/tracking/shipment_service.hpp"

namespace tracker::test {

// "2026-11-20 08:00" in Vietnam time.
domain::Timestamp vn_time(std::string_view local);

class Province {
 public:
  explicit Province(tracking::NotifyChannels channels = {});
  ~Province();

  // Runs a service call to completion on a private io_context.
  template <class T>
  T run(boost::asio::awaitable<T> task) {
    return run_to_completion(std::move(task));
  }

  // A dossier taken in at BD-TP for UBND-DX, with SMS and e-mail consent by default.
  tracking::NewShipment dossier(std::optional<std::string> code = {}) const;
  // A result of UBND-DX for the dossier with this code.
  tracking::NewShipment result(std::optional<std::string> code = {}) const;
  // Creates it (the postal worker for a dossier, UBND-DX's clerk for a
  // result) and returns its tracking number; throws when refused.
  std::string create(const tracking::NewShipment& s);

  // A scan of `type` at `at` from the caller's office, with a fresh event id.
  tracking::ScanRequest scan(const std::string& tn, domain::EventType type, std::string_view at,
                             const auth::Principal& by) const;
  domain::Result<tracking::RecordedScan> record(const auth::Principal& by, const tracking::ScanRequest& s);

  store::Shipment shipment(const std::string& tn);
  std::vector<store::OutboxMessage> outbox(const std::string& tn);

  domain::ManualClock clock{vn_time("2026-11-20 07:00")};
  TempDir dir;
  store::Store store;
  boost::asio::thread_pool workers{1};
  auth::AuthService auth;
  tracking::OfficeService offices;
  tracking::ShipmentService shipments;
  tracking::ScanService scans;
  auth::Principal admin, postal, clerk_dx, clerk_sn;

 private:
  auth::Principal user(const std::string& name, auth::Role role, std::optional<std::string> office);
};

}  // namespace tracker::test
