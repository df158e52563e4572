#pragma once
// Schema migrations: the files of db/migrations/NNN_name.sql, embedded at
// build time, applied in order, one transaction each, tracked by
// PRAGMA user_version (= the number of the last one applied).
#include "tracker/store/store.hpp"

namespace tracker::store::sqlite {

class Connection;

// Applies what is missing; returns the resulting schema version. Throws
// when the file's schema is newer than this binary knows.
int apply_migrations(Connection& c, const MigrationProgress& progress = {});

// The version this binary brings the schema to.
int latest_schema_version();

}  // namespace tracker::store::sqlite
