#pragma once
// Binding and reading helpers shared by the Tx statement files: the one place
// where the words and JSON of the database become domain types and back.
#include <SQLiteCpp/SQLiteCpp.h>

#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>

#include "columns.hpp"
#include "tracker/store/records.hpp"

namespace tracker::store::sqlite::rows {

inline std::int64_t ms(Timestamp t) { return t.time_since_epoch().count(); }
inline Timestamp ts(std::int64_t v) { return Timestamp(std::chrono::milliseconds(v)); }

using columns::RowId;
using columns::WordEnum;
using columns::to_word;
using columns::stored_word;
using columns::address_json;
using columns::address_from_json;
using columns::triggers_json;
using columns::triggers_from_json;

template <WordEnum E>
E word(const SQLite::Column& c) {
  return to_word<E>(c.getString());
}
template <WordEnum E>
std::optional<E> opt_word(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return word<E>(c);
}

template <RowId T>
T id(const SQLite::Column& c) {
  return T(c.getInt64());
}
template <RowId T>
std::optional<T> opt_id(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return T(c.getInt64());
}

// put(q, i, v): binds v as parameter i in the database's form (not named
// bind: std::bind would win overload resolution for std::optional arguments).
template <RowId T>
void put(SQLite::Statement& q, int i, T v) {
  q.bind(i, static_cast<std::int64_t>(domain::raw(v)));
}
template <RowId T>
void put(SQLite::Statement& q, int i, const std::optional<T>& v) {
  if (v) put(q, i, *v); else q.bind(i);
}
template <WordEnum E>
void put(SQLite::Statement& q, int i, E v) {
  q.bind(i, std::string(stored_word(v)));
}
template <WordEnum E>
void put(SQLite::Statement& q, int i, const std::optional<E>& v) {
  if (v) put(q, i, *v); else q.bind(i);
}
inline void put(SQLite::Statement& q, int i, const std::optional<std::string>& v) {
  if (v) q.bind(i, *v); else q.bind(i);
}
inline void put(SQLite::Statement& q, int i, const std::optional<std::int64_t>& v) {
  if (v) q.bind(i, static_cast<std::int64_t>(*v)); else q.bind(i);
}
inline void put(SQLite::Statement& q, int i, std::int64_t v) { q.bind(i, v); }
inline void put(SQLite::Statement& q, int i, Timestamp v) {
  q.bind(i, static_cast<std::int64_t>(ms(v)));
}
inline void put(SQLite::Statement& q, int i, const std::optional<Timestamp>& v) {
  if (v) q.bind(i, static_cast<std::int64_t>(ms(*v))); else q.bind(i);
}
// A trigger (an event type or an agency status) as its word.
inline void put(SQLite::Statement& q, int i, const domain::Trigger& v) { q.bind(i, std::string(domain::to_string(v))); }
inline domain::Trigger trigger_word(const SQLite::Column& c) { return columns::to_trigger(c.getString()); }
inline void bind_blob(SQLite::Statement& q, int i, const std::string& bytes) {
  q.bind(i, bytes.data(), static_cast<int>(bytes.size()));
}

inline std::optional<std::string> opt_text(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return c.getString();
}
inline std::optional<std::int64_t> opt_int(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return c.getInt64();
}
// A phone number kept in E.164; anything else was not written by the store.
inline std::optional<domain::PhoneNumber> opt_phone(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return columns::to_phone(c.getString());
}
inline std::optional<Timestamp> opt_ts(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return ts(c.getInt64());
}
inline std::string blob(const SQLite::Column& c) {
  return std::string(static_cast<const char*>(c.getBlob()), static_cast<std::size_t>(c.getBytes()));
}

}  // namespace tracker::store::sqlite::rows
