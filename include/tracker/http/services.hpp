#pragma once
// What the HTTP layer is given by the composition root: the services every
// handler calls and the server's options. Route files include this, not the
// listener (server.hpp).
#include <boost/asio/thread_pool.hpp>
#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "tracker/auth/auth_service.hpp"
#include "tracker/labels/label.hpp"
#include "tracker/store/store.hpp"
#include "tracker/tracking/calendar_service.hpp"
#include "tracker/tracking/handover_service.hpp"
#include "tracker/tracking/notification_service.hpp"
#include "tracker/tracking/report_service.hpp"
#include "tracker/tracking/office_service.hpp"
#include "tracker/tracking/shipment_service.hpp"
#include "tracker/tracking/scan_service.hpp"
#include "tracker/tracking/lookup_service.hpp"
#include "tracker/tracking/unit_service.hpp"
#include "tracker/tracking/dossier_status_service.hpp"

namespace tracker::http {

struct ServerOptions {
  std::string listen = "127.0.0.1:8080";  // HOST:PORT; port 0 picks a free one
  std::string public_url = "http://127.0.0.1:8080";
  int threads = 2;
  int lookups_per_minute = 60;  // per client address; 0 = no limit
  // HTTPS when both are set (PEM files): TLS 1.2 and 1.3 only, forward-secret
  // AEAD ciphers, HSTS on every answer.
  std::string tls_cert;
  std::string tls_key;
  // Open connections at most; at the cap the longest-idle connection is
  // closed to make room (an idle flood cannot lock normal clients out);
  // one that was answered before goes after every silent one.
  int max_connections = 4096;
  // Reverse proxies whose X-Forwarded-For is believed (exact addresses).
  std::vector<std::string> trusted_proxies;
  // The notification dispatcher's idle polls, shown in /metrics (none when
  // no dispatcher runs in this process).
  const std::atomic<std::uint64_t>* dispatcher_idle_polls = nullptr;
};

// Everything the handlers call. Owned by the composition root.
struct Services {
  const domain::Clock& clock;  // every rule's "now" (the pages', the overdue filter's)
  store::Store& store;
  boost::asio::thread_pool& workers;
  auth::AuthService& auth;
  tracking::OfficeService& offices;
  tracking::ShipmentService& shipments;
  tracking::ScanService& scans;
  tracking::LookupService& lookup;
  const labels::LabelRenderer& labels;
  tracking::NotificationService& notifications;
  tracking::HandoverService& handovers;
  tracking::ReportService& reports;
  tracking::CalendarService& calendar;
  tracking::UnitService& units;
  tracking::DossierStatusService& dossier_statuses;
};

}  // namespace tracker::http
