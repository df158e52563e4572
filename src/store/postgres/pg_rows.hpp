#pragma once
// Parameters and columns of the PostgreSQL statements in text form: the one
// place where the store's domain types become PostgreSQL's text values and
// back (bigint milliseconds for times, 't'/'f', bytea as \x hex).
#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "columns.hpp"
#include "pg_connection.hpp"
#include "tracker/store/records.hpp"

namespace tracker::store::postgres::rows {

using columns::RowId;
using columns::WordEnum;

inline std::int64_t ms(Timestamp t) { return t.time_since_epoch().count(); }
inline Timestamp ts(std::int64_t v) { return Timestamp(std::chrono::milliseconds(v)); }

// Raw bytes as a bytea literal (\x then hex).
std::string bytea(const std::string& bytes);

// The parameters of one statement, in order ($1, $2, …).
class Params {
 public:
  Params() = default;
  template <class... A>
  explicit Params(const A&... a) {
    (add(a), ...);
  }

  Params& null() {
    values_.emplace_back();
    nulls_.push_back(true);
    return *this;
  }
  Params& add(std::string v) {
    values_.push_back(std::move(v));
    nulls_.push_back(false);
    return *this;
  }
  Params& add(const char* v) { return add(std::string(v)); }
  Params& add(std::string_view v) { return add(std::string(v)); }
  Params& add(std::int64_t v) { return add(std::to_string(v)); }
  Params& add(int v) { return add(std::to_string(v)); }
  Params& add(bool v) { return add(std::string(v ? "t" : "f")); }
  Params& add(Timestamp v) { return add(ms(v)); }
  Params& add(const domain::Trigger& v) { return add(std::string(domain::to_string(v))); }
  template <RowId T>
  Params& add(T v) {
    return add(static_cast<std::int64_t>(domain::raw(v)));
  }
  template <WordEnum E>
  Params& add(E v) {
    return add(std::string(columns::stored_word(v)));
  }
  template <class T>
  Params& add(const std::optional<T>& v) {
    return v ? add(*v) : null();
  }
  // Raw bytes (a hash) for a bytea parameter.
  Params& bytes(const std::string& raw) { return add(bytea(raw)); }

  // Pointers into this object, valid while it lives unchanged.
  ParamPointers pointers() const {
    ParamPointers out;
    for (std::size_t i = 0; i < values_.size(); ++i) out.push_back(nulls_[i] ? nullptr : values_[i].c_str());
    return out;
  }

 private:
  std::vector<std::string> values_;
  std::vector<bool> nulls_;
};

// One row of a result, its columns by number.
class Row {
 public:
  Row(const PgResult& r, int row) : r_(r), row_(row) {}

  bool null(int c) const { return r_.is_null(row_, c); }
  std::string text(int c) const { return r_.text(row_, c); }
  std::string_view view(int c) const {
    return {r_.c_str(row_, c), static_cast<std::size_t>(r_.length(row_, c))};
  }
  std::int64_t int64(int c) const {
    std::int64_t v = 0;
    auto s = view(c);
    std::from_chars(s.data(), s.data() + s.size(), v);
    return v;
  }
  int integer(int c) const { return static_cast<int>(int64(c)); }
  bool boolean(int c) const { return view(c) == "t"; }
  Timestamp time(int c) const { return ts(int64(c)); }
  // bytea (\x hex) as raw bytes.
  std::string bytes(int c) const;

  std::optional<std::string> opt_text(int c) const {
    if (null(c)) return std::nullopt;
    return text(c);
  }
  std::optional<std::int64_t> opt_int(int c) const {
    if (null(c)) return std::nullopt;
    return int64(c);
  }
  std::optional<Timestamp> opt_time(int c) const {
    if (null(c)) return std::nullopt;
    return time(c);
  }
  template <RowId T>
  T id(int c) const {
    return T(int64(c));
  }
  template <RowId T>
  std::optional<T> opt_id(int c) const {
    if (null(c)) return std::nullopt;
    return T(int64(c));
  }
  template <WordEnum E>
  E word(int c) const {
    return columns::to_word<E>(view(c));
  }
  template <WordEnum E>
  std::optional<E> opt_word(int c) const {
    if (null(c)) return std::nullopt;
    return word<E>(c);
  }
  domain::Trigger trigger(int c) const { return columns::to_trigger(view(c)); }
  std::optional<domain::PhoneNumber> opt_phone(int c) const {
    if (null(c)) return std::nullopt;
    return columns::to_phone(view(c));
  }

 private:
  const PgResult& r_;
  int row_;
};

// Every row of `r` through `from` (Row -> T).
template <class F>
auto all(const PgResult& r, F from) {
  std::vector<decltype(from(Row(r, 0)))> out;
  out.reserve(static_cast<std::size_t>(r.rows()));
  for (int i = 0; i < r.rows(); ++i) out.push_back(from(Row(r, i)));
  return out;
}
// The first row through `from`, if there is one.
template <class F>
auto first(const PgResult& r, F from) -> std::optional<decltype(from(Row(r, 0)))> {
  if (r.rows() == 0) return std::nullopt;
  return from(Row(r, 0));
}

}  // namespace tracker::store::postgres::rows

namespace tracker::store::postgres {

// Runs the statement `sql` (prepared on first use) with `p`.
inline PgResult run(PgConnection& c, const std::string& sql, const rows::Params& p = rows::Params()) {
  return c.prepared(sql, p.pointers());
}

}  // namespace tracker::store::postgres
