#pragma once
// The data step of migration 009: the administrative units of 2025 from the
// embedded seed files (db/seed/admin-units-2025/*.csv), and the commune of
// each existing office where its free-text commune names one unit only.
namespace tracker::store::sqlite {

class Connection;

// Runs inside the migration's transaction; throws on a malformed seed file.
void load_admin_units_2025(Connection& c);

}  // namespace tracker::store::sqlite
