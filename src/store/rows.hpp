#pragma once
// Binding and reading helpers shared by the Tx statement files.
#include <SQLiteCpp/SQLiteCpp.h>

#include <optional>
#include <string>

#include "tracker/store/records.hpp"

namespace tracker::store::rows {

inline std::int64_t ms(Timestamp t) { return t.time_since_epoch().count(); }
inline Timestamp ts(std::int64_t v) { return Timestamp(std::chrono::milliseconds(v)); }

inline void bind(SQLite::Statement& q, int i, const std::optional<std::string>& v) {
  if (v) q.bind(i, *v); else q.bind(i);
}
inline void bind(SQLite::Statement& q, int i, const std::optional<std::int64_t>& v) {
  if (v) q.bind(i, static_cast<std::int64_t>(*v)); else q.bind(i);
}
inline void bind(SQLite::Statement& q, int i, const std::optional<Timestamp>& v) {
  if (v) q.bind(i, static_cast<std::int64_t>(ms(*v))); else q.bind(i);
}
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
inline std::optional<Timestamp> opt_ts(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return ts(c.getInt64());
}
inline std::string blob(const SQLite::Column& c) {
  return std::string(static_cast<const char*>(c.getBlob()), static_cast<std::size_t>(c.getBytes()));
}

}  // namespace tracker::store::rows
