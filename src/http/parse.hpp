#pragma once
// JSON bodies into validated requests. Every field problem is collected
// (422 lists them all); wrong JSON types are 400.
#include <boost/json/value.hpp>
#include <map>
#include <string>
#include <string_view>

#include "tracker/auth/auth_service.hpp"
#include "tracker/domain/result.hpp"
#include "tracker/domain/tracking_number.hpp"
#include "tracker/labels/label.hpp"
#include "tracker/tracking/dossier_status_service.hpp"
#include "tracker/tracking/requests.hpp"

namespace tracker::http {

domain::Result<tracking::NewOffice> parse_new_office(const boost::json::object& o);
domain::Result<tracking::OfficeChange> parse_office_change(const boost::json::object& o);
domain::Result<tracking::DossierStatusRequest> parse_dossier_status(const boost::json::object& o);
domain::Result<auth::NewUser> parse_new_user(const boost::json::object& o);
domain::Result<tracking::NewShipment> parse_new_shipment(const boost::json::object& o);
domain::Result<tracking::ScanRequest> parse_scan(const boost::json::object& o);

// {"scans": [ … ]} of POST /api/v1/scans/batch: each item parsed on its own
// (an item that is no object is its own malformed error), with the
// event_id each item sent ("" if none), for the answer. The whole body is
// refused when it is not {"scans": [...]} (400) or holds more than
// max_items (422).
struct ScanBatch {
  std::vector<domain::Result<tracking::ScanRequest>> scans;
  std::vector<std::string> event_ids;
};
domain::Result<ScanBatch> parse_scan_batch(const boost::json::object& body, std::size_t max_items = 500);

// {"tracking_numbers": [...], "format": "pdf", "sheet": "a6" | "a4",
// "dpi": 203 | 300} of POST /api/v1/labels: 1 to max_items numbers, each
// a valid S10 number; several labels come as one PDF. Not an array: 400;
// every other problem named, by index (422).
struct LabelBatch {
  std::vector<domain::TrackingNumber> tracking_numbers;
  labels::Sheet sheet = labels::Sheet::a6;
  int dpi = 203;
};
domain::Result<LabelBatch> parse_label_batch(const boost::json::object& body, std::size_t max_items = 100);
// ?dpi= or "dpi": 203 (the default of label printers) or 300.
domain::Result<int> parse_dpi(std::string_view text);

// An application/x-www-form-urlencoded body ("+" is a space); the last
// value of a name wins. Malformed escapes give an empty map.
std::map<std::string, std::string> parse_form(std::string_view body);

// The login page's form: username and password, and where to go next (as
// sent; the page keeps only staff paths).
struct LoginForm {
  std::string username;
  std::string password;
  std::string next;
  // Both given, username ≤ 64 and password ≤ 256 bytes. An unusable form
  // is answered like a wrong password, without asking the service.
  bool usable() const;
};
LoginForm parse_login_form(std::string_view body);

}  // namespace tracker::http
