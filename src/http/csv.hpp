#pragma once
// text/csv for spreadsheets: UTF-8 with a byte order mark (so spreadsheet
// software shows Vietnamese correctly), RFC 4180 quoting, CRLF line ends.
#include <string>
#include <string_view>
#include <vector>

#include "message.hpp"

namespace tracker::http {

class CsvWriter {
 public:
  CsvWriter();  // the body starts with the BOM
  void row(const std::vector<std::string>& fields);
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

// True when the client asked for CSV: Accept lists text/csv, or ?format=csv
// (for a plain download link, which cannot set Accept).
bool wants_csv(const Request& req);

// 200 text/csv; charset=utf-8, offered for download as `filename`.
Response csv_response(std::string body, const std::string& filename);

}  // namespace tracker::http
