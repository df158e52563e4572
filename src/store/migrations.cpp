#include "migrations.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "connection.hpp"
#include "unit_seed.hpp"

namespace tracker::store {

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
// CHECK constraint) runs with foreign keys off, as SQLite's documentation
// says; they are checked before it commits and turned on again after.
class ForeignKeysOff {
 public:
  explicit ForeignKeysOff(Connection& c) : c_(c) { c_.exec("PRAGMA foreign_keys=OFF"); }
  ~ForeignKeysOff() { c_.exec("PRAGMA foreign_keys=ON"); }
  ForeignKeysOff(const ForeignKeysOff&) = delete;
  ForeignKeysOff& operator=(const ForeignKeysOff&) = delete;

  // Throws naming the first table with a broken reference.
  void check(const Migration& m) {
    SQLite::Statement q(c_.db(), "PRAGMA foreign_key_check");
    if (q.executeStep()) {
      throw std::runtime_error("migration " + std::string(m.name) + " leaves a broken reference in table " +
                               q.getColumn(0).getString() + " (to " + q.getColumn(2).getString() + ")");
    }
  }

 private:
  Connection& c_;
};

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
    ForeignKeysOff foreign_keys(c);  // before the transaction: the pragma is a no-op inside one
    SQLite::Transaction tx(c.db(), SQLite::TransactionBehavior::IMMEDIATE);
    c.db().exec(std::string(m.sql));
    for (const auto& step : kDataSteps) {
      if (step.number == m.number) step.run(c);
    }
    foreign_keys.check(m);
    c.db().exec("PRAGMA user_version = " + std::to_string(m.number));
    tx.commit();
    version = m.number;
  }
  return version;
}

}  // namespace tracker::store
