#pragma once
// Reads fields of a JSON object and collects every problem, so a 422 lists
// one entry per bad field. A field of the wrong JSON type is a malformed
// request (400); a well-typed but invalid value is 422.
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <vector>

#include "tracker/domain/result.hpp"

namespace tracker::http {

class Fields {
 public:
  Fields(const boost::json::object& o, std::string prefix = "") : o_(o), prefix_(std::move(prefix)) {}

  // A string of at most max_len bytes (UTF-8), trimmed; missing or null is
  // nullopt (and an error when required).
  std::optional<std::string> text(const char* name, bool required, std::size_t max_len = 200);
  std::optional<std::int64_t> integer(const char* name, bool required, std::int64_t min,
                                      std::int64_t max);
  std::optional<bool> boolean(const char* name);
  const boost::json::object* object(const char* name, bool required);
  const boost::json::array* array(const char* name, bool required, std::size_t max_items);

  // Adds the error of a domain parse at this field.
  void add(const char* name, const domain::Error& e);
  void add(const char* name, std::string code, std::string message);
  void add_all(const Fields& nested);

  std::string path(const char* name) const;
  bool ok() const { return errors_.empty() && type_errors_.empty(); }
  // The error to answer with (400 for type errors, else 422).
  domain::Error error() const;

 private:
  const boost::json::value* find(const char* name, bool required);
  void wrong_type(const char* name, const char* expected);

  const boost::json::object& o_;
  std::string prefix_;
  std::vector<domain::FieldError> errors_;
  std::vector<domain::FieldError> type_errors_;
};

}  // namespace tracker::http
