#include <algorithm>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pg_connection.hpp"
#include "pg_store.hpp"
#include "seed_rows.hpp"

namespace tracker::store::postgres {

std::vector<std::pair<std::string_view, std::string_view>> embedded_migrations();  // generated

namespace {

// Any constant: the key of the advisory lock that lets one migrator run.
constexpr const char* kMigrationLock = "7261884";

struct Migration {
  int number;
  std::string name;
  std::string_view sql;
};

std::vector<Migration> migrations() {
  std::vector<Migration> out;
  for (auto [name, sql] : embedded_migrations()) {
    out.push_back({std::stoi(std::string(name.substr(0, name.find('_')))), std::string(name), sql});
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.number < b.number; });
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i].number != static_cast<int>(i) + 1) {
      throw std::logic_error("PostgreSQL migrations must be numbered 001, 002, ... without gaps");
    }
  }
  return out;
}

// Migration 001's rows: the administrative units of 2025 (the same seed
// files as the SQLite store), by COPY.
void load_units(PgConnection& c) {
  std::string data;
  for (const auto& p : seed::provinces()) {
    data += copy_field(p.code) + '\t' + copy_field(p.name) + '\t' + copy_field(p.search_name) + '\n';
  }
  c.copy_in("COPY provinces (code, name, search_name) FROM STDIN", data);
  data.clear();
  for (const auto& m : seed::communes()) {
    data += copy_field(m.code) + '\t' + copy_field(m.province_code) + '\t' + copy_field(m.name) + '\t' +
            copy_field(m.kind) + '\t' + copy_field(m.search_name) + '\n';
  }
  c.copy_in("COPY communes (code, province_code, name, kind, search_name) FROM STDIN", data);
  data.clear();
  for (const auto& o : seed::old_communes()) {
    data += copy_field(o.province_code) + '\t' + copy_field(o.province_name) + '\t' + copy_field(o.code) + '\t' +
            copy_field(o.name) + '\t' + copy_field(o.new_code) + '\t' + copy_field(o.name_key) + '\t' +
            copy_field(o.province_key) + '\n';
  }
  c.copy_in("COPY old_communes (province_code, province_name, code, name, new_code, name_key, province_key) FROM STDIN",
            data);
}

std::string identifier(PgConnection& c, const std::string& name) {
  char* quoted = PQescapeIdentifier(c.get(), name.data(), name.size());
  if (!quoted) throw std::runtime_error("PostgreSQL: cannot quote the role name");
  std::string out(quoted);
  PQfreemem(quoted);
  return out;
}

// What the service's role may do: append-only tables get no UPDATE or
// DELETE; the rules an admin replaces whole get DELETE.
void grant(PgConnection& c, const std::string& role) {
  auto r = identifier(c, role);
  c.exec("BEGIN");
  c.exec("GRANT USAGE ON SCHEMA public TO " + r);
  c.exec("GRANT SELECT ON provinces, communes, old_communes, schema_migrations TO " + r);
  c.exec("GRANT SELECT, INSERT ON events, dossier_statuses, audit_log, office_names, shipment_offices TO " + r);
  c.exec("GRANT SELECT, INSERT, UPDATE ON shipments, outbox, handovers, handover_items, audit_heads, serials, "
         "health_probe, offices, users, tokens, webhooks, handover_counters TO " + r);
  c.exec("GRANT SELECT, INSERT, UPDATE, DELETE ON calendar_days, calendar_provisional_years, deadline_rules, "
         "idempotency_keys TO " + r);
  c.exec("GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO " + r);
  c.exec("COMMIT");
}

}  // namespace

int migrate(const std::string& url, const MigrationProgress& progress, const std::string& grant_to) {
  PgConnection c(url);
  c.query("SELECT pg_advisory_lock($1)", {kMigrationLock});  // released when the connection closes
  c.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, "
         "applied_at timestamptz NOT NULL DEFAULT now())");
  auto all = migrations();
  auto current = c.query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  int version = std::stoi(current.text(0, 0));
  if (version > static_cast<int>(all.size())) {
    throw std::runtime_error("database schema version " + std::to_string(version) + " is newer than this program (" +
                             std::to_string(all.size()) + ")");
  }
  for (const auto& m : all) {
    if (m.number <= version) continue;
    if (progress) progress(m.number, static_cast<int>(all.size()), m.name);
    c.exec("BEGIN");
    try {
      c.exec(std::string(m.sql));
      if (m.number == 1) load_units(c);
      auto number = std::to_string(m.number);
      c.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", {number.c_str(), m.name.c_str()});
      c.exec("COMMIT");
    } catch (const std::exception& e) {
      c.exec("ROLLBACK");
      throw std::runtime_error("migration " + m.name + ": " + e.what());
    }
    version = m.number;
  }
  if (!grant_to.empty()) grant(c, grant_to);
  return version;
}

}  // namespace tracker::store::postgres
