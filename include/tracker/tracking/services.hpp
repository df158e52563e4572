#pragma once
// The tracking services: offices, shipments, scans and the public lookup.
// Thread-safe. Writes complete after their transaction committed; reads are
// bounded and run on the calling thread.
#include <boost/asio/awaitable.hpp>
#include <mutex>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "tracker/auth/principal.hpp"
#include "tracker/domain/clock.hpp"
#include "tracker/domain/deadline.hpp"
#include "tracker/domain/result.hpp"
#include "tracker/store/store.hpp"
#include "tracker/tracking/requests.hpp"
#include "tracker/tracking/views.hpp"

namespace tracker::tracking {

using domain::Result;
template <class T>
using Task = boost::asio::awaitable<Result<T>>;

struct TrackingOptions {
  std::string service_indicator = "EC";  // S10 service indicator of new numbers
  std::string country = "VN";
};

class OfficeService {
 public:
  explicit OfficeService(store::Store& store, const domain::Clock& clock = domain::system_clock())
      : store_(store), clock_(clock) {}
  Task<store::Office> create(const auth::Principal& p, NewOffice o);
  Result<std::vector<store::Office>> list();

 private:
  store::Store& store_;
  const domain::Clock& clock_;
};

class ShipmentService {
 public:
  // Creation times, deadlines and overdue flags come from `clock`.
  ShipmentService(store::Store& store, TrackingOptions options,
                  const domain::Clock& clock = domain::system_clock());

  // Makes a dossier (postal worker at its office) or result (clerk of its
  // agency) shipment with a fresh S10 number and its J+n deadline.
  Task<ShipmentView> create(const auth::Principal& p, NewShipment s);
  // The whole shipment; not_found when unknown or outside the caller's scope.
  Result<ShipmentView> get(const auth::Principal& p, const domain::TrackingNumber& tn);
  Result<ShipmentPage> list(const auth::Principal& p, store::ShipmentQuery q);
  // The dossier shipment with this code and the result made from it, each
  // only when the caller may see it.
  Result<DossierPair> find_dossier_pair(const auth::Principal& p, const domain::DossierCode& code);
  // Only while created (no scan yet); else conflict.
  Task<ShipmentView> cancel(const auth::Principal& p, domain::TrackingNumber tn);

  void set_calendar(domain::HolidayCalendar c);
  domain::HolidayCalendar calendar() const;

 private:
  store::Store& store_;
  TrackingOptions options_;
  const domain::Clock& clock_;
  mutable std::mutex calendar_mu_;
  domain::HolidayCalendar calendar_;
};

// The citizen channels configured: outbox rows are only written for these.
struct NotifyChannels {
  bool sms = true;
  bool email = true;
};

class ScanService {
 public:
  // Scans more than 5 minutes ahead of `clock` are refused; recorded_at is its time.
  explicit ScanService(store::Store& store, NotifyChannels channels = {},
                       const domain::Clock& clock = domain::system_clock())
      : store_(store), channels_(channels), clock_(clock) {}

  // Idempotent on event_id: the same event again returns the stored one
  // (created = false); the same id with another body is conflict.
  Task<RecordedScan> record(const auth::Principal& p, ScanRequest scan);

  // Each item taken or refused on its own, in order; items that failed to
  // parse arrive as their Error and are answered as such. All valid items
  // go to the writer together, so they share one commit.
  boost::asio::awaitable<std::vector<Result<RecordedScan>>> record_batch(
      const auth::Principal& p, std::vector<Result<ScanRequest>> scans);

  // Scans recorded with an occurred_at before the shipment's newest event
  // (they re-derive the status from the history), since start.
  static std::uint64_t late_scans();

 private:
  store::Store& store_;
  NotifyChannels channels_;
  const domain::Clock& clock_;
};

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

// Reads the holiday calendar kept in the database.
domain::HolidayCalendar load_calendar(store::Store& store);

}  // namespace tracker::tracking
