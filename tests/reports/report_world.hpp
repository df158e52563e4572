#pragma once
// A real store on a temporary SQLite file with the report services over it,
// and writers for shipments and events at chosen times: the API stamps a
// shipment's creation with the clock, and a report is about the past.
// Not thread-safe: one test's thread.
#include <boost/asio/thread_pool.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "run_async.hpp"
#include "test_server.hpp"
#include "tracker/tracking/calendar_service.hpp"
#include "tracker/tracking/report_service.hpp"

namespace tracker::test {

// "2026-03-02 08:00" in Vietnam time.
domain::Timestamp vn(std::string_view local);

class ReportWorld {
 public:
  ReportWorld();
  ~ReportWorld();

  store::Store& store() { return store_; }
  tracking::ShipmentService& shipments() { return shipments_; }
  tracking::ReportService& reports() { return reports_; }

  domain::OfficeId add_office(const std::string& code, domain::OfficeKind kind);
  // A shipment as the API would have made it, created and due at these times.
  domain::ShipmentId add_shipment(domain::ShipmentKind kind, domain::OfficeId office, domain::OfficeId agency,
                            domain::Timestamp created_at, domain::Timestamp due_at);
  // An event of `type` at `at`; the shipment's status becomes `status`.
  void add_event(domain::ShipmentId shipment, domain::EventType type, domain::Timestamp at,
                 domain::ShipmentStatus status);
  void cancel(domain::ShipmentId shipment, domain::Timestamp at);
  std::string tracking_number(domain::ShipmentId shipment);

  auth::Principal admin() const;
  auth::Principal staff(auth::Role role, domain::OfficeId office, const std::string& code) const;

  // Runs a service call to completion on a private io_context.
  // (An exception thrown by the call comes out of io.run().)
  template <class T>
  T run(boost::asio::awaitable<T> task) {
    return run_to_completion(std::move(task));
  }

 private:
  TempDir dir_;
  TestDatabase database_{dir_, "reports.db"};
  store::Store store_;
  boost::asio::thread_pool workers_{1};
  tracking::ShipmentService shipments_;
  tracking::ReportService reports_;
  std::int64_t serial_ = 0;
};

}  // namespace tracker::test
