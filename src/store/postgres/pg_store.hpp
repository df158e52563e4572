#pragma once
// The PostgreSQL backend of the store (issue 14, in progress): so far its
// schema — db/postgres/*.sql, partitioned by province — applied from empty
// or brought up to date, the seed data loaded, and the service's role
// granted only what it needs. What the facade (src/store/store.cpp) reaches.
#include <string>

#include "tracker/store/store.hpp"

namespace tracker::store::postgres {

// True when `location` names a PostgreSQL database (postgresql:// or postgres://).
bool is_url(const std::string& location);

// Applies the migrations the database lacks, each in its own transaction,
// one migrator at a time (an advisory lock), and returns the schema version.
// With `grant_to` (a role name) that role gets SELECT and INSERT on the
// append-only tables (events, dossier_statuses, audit_log), no UPDATE or
// DELETE on them, and what the service needs on the others. Throws
// std::runtime_error naming what failed.
int migrate(const std::string& url, const MigrationProgress& progress, const std::string& grant_to);

}  // namespace tracker::store::postgres
