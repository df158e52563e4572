#include "fields.hpp"

namespace tracker::http {
using namespace tracker::domain;

std::string Fields::path(const char* name) const {
  return prefix_.empty() ? std::string(name) : prefix_ + "." + name;
}

const boost::json::value* Fields::find(const char* name, bool required) {
  auto it = o_.find(name);
  if (it == o_.end() || it->value().is_null()) {
    if (required) errors_.push_back({path(name), "required", std::string(name) + " is required."});
    return nullptr;
  }
  return &it->value();
}

void Fields::wrong_type(const char* name, const char* expected) {
  type_errors_.push_back({path(name), "wrong_type", std::string(name) + " must be " + expected + "."});
}

std::optional<std::string> Fields::text(const char* name, bool required, std::size_t max_len) {
  auto v = find(name, required);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    wrong_type(name, "a string");
    return std::nullopt;
  }
  std::string s(v->as_string());
  auto b = s.find_first_not_of(" \t\r\n");
  auto e = s.find_last_not_of(" \t\r\n");
  s = b == std::string::npos ? "" : s.substr(b, e - b + 1);
  if (s.size() > max_len) {
    errors_.push_back({path(name), "too_long", std::string(name) + " is longer than " +
                                                   std::to_string(max_len) + " bytes."});
    return std::nullopt;
  }
  if (s.empty() && required) {
    errors_.push_back({path(name), "required", std::string(name) + " must not be empty."});
    return std::nullopt;
  }
  return s;
}

std::optional<std::int64_t> Fields::integer(const char* name, bool required, std::int64_t min,
                                            std::int64_t max) {
  auto v = find(name, required);
  if (!v) return std::nullopt;
  if (!v->is_int64() && !v->is_uint64()) {
    wrong_type(name, "an integer");
    return std::nullopt;
  }
  if (v->is_uint64() && v->as_uint64() > static_cast<std::uint64_t>(max)) {
    errors_.push_back({path(name), "out_of_range", std::string(name) + " is out of range."});
    return std::nullopt;
  }
  auto n = v->is_int64() ? v->as_int64() : static_cast<std::int64_t>(v->as_uint64());
  if (n < min || n > max) {
    errors_.push_back({path(name), "out_of_range", std::string(name) + " is out of range."});
    return std::nullopt;
  }
  return n;
}

std::optional<bool> Fields::boolean(const char* name) {
  auto v = find(name, false);
  if (!v) return std::nullopt;
  if (!v->is_bool()) {
    wrong_type(name, "true or false");
    return std::nullopt;
  }
  return v->as_bool();
}

const boost::json::object* Fields::object(const char* name, bool required) {
  auto v = find(name, required);
  if (!v) return nullptr;
  if (!v->is_object()) {
    wrong_type(name, "an object");
    return nullptr;
  }
  return &v->as_object();
}

const boost::json::array* Fields::array(const char* name, bool required, std::size_t max_items) {
  auto v = find(name, required);
  if (!v) return nullptr;
  if (!v->is_array()) {
    wrong_type(name, "an array");
    return nullptr;
  }
  if (v->as_array().size() > max_items) {
    errors_.push_back({path(name), "too_many_items",
                       std::string(name) + " has more than " + std::to_string(max_items) + " items."});
    return nullptr;
  }
  return &v->as_array();
}

void Fields::add(const char* name, const Error& e) {
  if (e.fields.empty()) {
    errors_.push_back({path(name), e.code, e.detail});
    return;
  }
  for (const auto& f : e.fields) errors_.push_back({path(name), f.code, f.message});
}

void Fields::add(const char* name, std::string code, std::string message) {
  errors_.push_back({path(name), std::move(code), std::move(message)});
}

void Fields::add_all(const Fields& nested) {
  errors_.insert(errors_.end(), nested.errors_.begin(), nested.errors_.end());
  type_errors_.insert(type_errors_.end(), nested.type_errors_.begin(), nested.type_errors_.end());
}

Error Fields::error() const {
  if (!type_errors_.empty()) {
    return Error{Errc::malformed, "wrong_type", "Some fields have the wrong JSON type.", type_errors_};
  }
  // One field's own code is the problem's code (e.g. invalid_tracking_number
  // for a bad check digit), several make "validation_failed".
  if (errors_.size() == 1 && errors_[0].code == "bad_check_digit") {
    return Error{Errc::invalid, "invalid_tracking_number", errors_[0].message, errors_};
  }
  return Error{Errc::invalid, "validation_failed", "Some fields are invalid.", errors_};
}

}  // namespace tracker::http
