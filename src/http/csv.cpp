#include "csv.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace tracker::http {

CsvWriter::CsvWriter() : out_("\xEF\xBB\xBF") {}

void CsvWriter::row(const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out_ += ',';
    const auto& f = fields[i];
    if (f.find_first_of(",\"\r\n") == std::string::npos) {
      out_ += f;
      continue;
    }
    out_ += '"';
    for (char c : f) {
      if (c == '"') out_ += '"';
      out_ += c;
    }
    out_ += '"';
  }
  out_ += "\r\n";
}

bool wants_csv(const Request& req) {
  if (req.query_param("format").value_or("") == "csv") return true;
  auto accept = req.header("accept").value_or("");
  std::transform(accept.begin(), accept.end(), accept.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  // Media ranges "text/csv" or "text/csv;q=…" (a q of 0 refuses it).
  std::size_t start = 0;
  while (start <= accept.size()) {
    auto end = accept.find(',', start);
    if (end == std::string::npos) end = accept.size();
    std::string range = accept.substr(start, end - start);
    range.erase(std::remove(range.begin(), range.end(), ' '), range.end());
    if (range.rfind("text/csv", 0) == 0 && (range.size() == 8 || range[8] == ';')) {
      auto q = range.find(";q=");
      if (q == std::string::npos || std::strtod(range.c_str() + q + 3, nullptr) > 0) return true;
    }
    start = end + 1;
  }
  return false;
}

Response csv_response(std::string body, const std::string& filename) {
  Response r{200, "text/csv; charset=utf-8", std::move(body), {}};
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

}  // namespace tracker::http
