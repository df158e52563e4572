#pragma once
// Expected failures as values. A Result<T> holds either a T or an Error that
// says what went wrong in words a client can act on (a stable machine code,
// a human detail, and per-field errors for 422 answers). Broken
// infrastructure (disk errors, bugs) throws instead.
#include <cassert>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace tracker::domain {

enum class Errc {
  invalid = 1,       // well formed but invalid (422)
  malformed,         // cannot be parsed at all (400)
  not_found,         // 404
  conflict,          // 409
  forbidden,         // 403
  unauthenticated,   // 401
  too_many,          // 429
  unavailable,       // 503
  too_large,         // 413: the body
  method_not_allowed, // 405: the path exists, the method does not
  headers_too_large, // 431: the request head
  unsupported_media, // 415
  internal,          // a bug or broken infrastructure seen where throwing is impossible (500)
};

struct FieldError {
  std::string field;    // JSON path of the offending field, e.g. "citizen.phone"
  std::string code;     // stable machine word, e.g. "bad_check_digit"
  std::string message;  // for people (English; the HTTP layer may translate)
};

struct Error {
  Errc errc = Errc::invalid;
  std::string code;     // stable machine word, e.g. "invalid_tracking_number"
  std::string detail;   // for people
  std::vector<FieldError> fields;

  Error with_field_prefix(const std::string& prefix) const {
    Error e = *this;
    for (auto& f : e.fields) f.field = f.field.empty() ? prefix : prefix + "." + f.field;
    return e;
  }
};

inline Error make_error(Errc errc, std::string code, std::string detail,
                        std::vector<FieldError> fields = {}) {
  return Error{errc, std::move(code), std::move(detail), std::move(fields)};
}

// A single-field validation error (422) whose code is also the field's code.
inline Error field_error(std::string field, std::string code, std::string message) {
  return Error{Errc::invalid, code, message, {FieldError{std::move(field), code, message}}};
}

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT implicit
  Result(Error error) : v_(std::in_place_index<1>, std::move(error)) {}  // NOLINT implicit

  bool has_value() const { return v_.index() == 0; }
  explicit operator bool() const { return has_value(); }
  T& value() & { assert(has_value()); return std::get<0>(v_); }
  const T& value() const& { assert(has_value()); return std::get<0>(v_); }
  T&& value() && { assert(has_value()); return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Error& error() const { assert(!has_value()); return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

struct Ok {};  // the value of a Result that only reports success
using Status = Result<Ok>;

}  // namespace tracker::domain
