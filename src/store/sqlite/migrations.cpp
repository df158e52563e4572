#include "migrations.hpp"

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "connection.hpp"
#include "unit_seed.hpp"

namespace tracker::store::sqlite {

std::vector<std::pair<std::string_view, std::string_view>> embedded_migrations();  // generated

namespace {

struct Migration {
  int number;
  std::string_view name;
  std::string_view sql;
};

// Migrations whose rows come from seed files: run after the migration's SQL,
// in its transaction.
struct DataStep {
  int number;
  void (*run)(Connection&);
};
constexpr DataStep kDataSteps[] = {{9, load_admin_units_2025}};

// A migration that rebuilds a table others refer to (SQLite cannot change a
// CHECK constraint) says so in a line "-- rebuilds referenced table: NAME";
// it runs with foreign keys off, as SQLite's documentation says. Its check
// costs what the small table costs, not what its referrers cost
// (PRAGMA foreign_key_check over ten million events took 20 s): the
// references held before (foreign keys are on everywhere else), so they
// still hold when every id of the old table is in the new one and the new
// table's own references hold.
class TableRebuild {
 public:
  TableRebuild(Connection& c, std::string table) : c_(c), table_(std::move(table)) {
    c_.exec("PRAGMA foreign_keys=OFF");  // before the transaction: the pragma is a no-op inside one
  }
  ~TableRebuild() { c_.exec("PRAGMA foreign_keys=ON"); }
  TableRebuild(const TableRebuild&) = delete;
  TableRebuild& operator=(const TableRebuild&) = delete;

  // In the migration's transaction, before its SQL.
  void remember_keys() {
    c_.db().exec("DROP TABLE IF EXISTS temp.kept_keys");
    c_.db().exec("CREATE TEMP TABLE kept_keys AS SELECT id FROM main.\"" + table_ + "\"");
  }

  // After its SQL; throws naming what broke.
  void check(const Migration& m) {
    auto lost = c_.db().execAndGet("SELECT count(*) FROM temp.kept_keys WHERE id NOT IN (SELECT id FROM main.\"" +
                                   table_ + "\")").getInt64();
    if (lost > 0) {
      throw std::runtime_error("migration " + std::string(m.name) + " loses " + std::to_string(lost) + " rows of " +
                               table_ + " that other tables refer to");
    }
    {
      SQLite::Statement own(c_.db(), "PRAGMA foreign_key_check(\"" + table_ + "\")");
      if (own.executeStep()) {
        throw std::runtime_error("migration " + std::string(m.name) + " leaves a broken reference in table " +
                                 table_ + " (to " + own.getColumn(2).getString() + ")");
      }
    }  // finished before the drop: a statement still stepping locks the table
    c_.db().exec("DROP TABLE temp.kept_keys");
  }

 private:
  Connection& c_;
  std::string table_;
};

// The table named by the migration's "-- rebuilds referenced table: NAME" line.
std::optional<std::string> rebuilt_table(std::string_view sql) {
  constexpr std::string_view kMarker = "-- rebuilds referenced table: ";
  auto at = sql.find(kMarker);
  if (at == std::string_view::npos) return std::nullopt;
  auto name = sql.substr(at + kMarker.size());
  name = name.substr(0, name.find_first_of(" \r\n"));
  return std::string(name);
}

std::vector<Migration> migrations() {
  std::vector<Migration> out;
  for (auto [name, sql] : embedded_migrations()) {
    out.push_back({std::stoi(std::string(name.substr(0, name.find('_')))), name, sql});
  }
  std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.number < b.number; });
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i].number != static_cast<int>(i) + 1) {
      throw std::logic_error("migrations must be numbered 001, 002, ... without gaps");
    }
  }
  return out;
}

}  // namespace

int latest_schema_version() { return static_cast<int>(migrations().size()); }

int apply_migrations(Connection& c, const MigrationProgress& progress) {
  auto all = migrations();
  int version = c.db().execAndGet("PRAGMA user_version").getInt();
  if (version > static_cast<int>(all.size())) {
    throw std::runtime_error("database schema version " + std::to_string(version) +
                             " is newer than this program (" + std::to_string(all.size()) + ")");
  }
  for (const auto& m : all) {
    if (m.number <= version) continue;
    if (progress) progress(m.number, static_cast<int>(all.size()), std::string(m.name));
    std::optional<TableRebuild> rebuild;
    if (auto table = rebuilt_table(m.sql)) rebuild.emplace(c, *table);
    SQLite::Transaction tx(c.db(), SQLite::TransactionBehavior::IMMEDIATE);
    if (rebuild) rebuild->remember_keys();
    c.db().exec(std::string(m.sql));
    for (const auto& step : kDataSteps) {
      if (step.number == m.number) step.run(c);
    }
    if (rebuild) rebuild->check(m);
    c.db().exec("PRAGMA user_version = " + std::to_string(m.number));
    tx.commit();
    version = m.number;
  }
  return version;
}

}  // namespace tracker::store::sqlite
