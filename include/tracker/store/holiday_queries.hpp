#pragma once
// The holiday calendar as stored (table holidays): the days working-day
// deadlines skip, with their names. Runs on the connection of the Tx it is
// built from; replace() only inside a write job. Not thread-safe.
#include <string>
#include <vector>

#include "tracker/store/tx.hpp"

namespace tracker::store {

struct HolidayRow {
  std::string day;  // YYYY-MM-DD
  std::string name;
};

class HolidayQueries {
 public:
  explicit HolidayQueries(Tx& tx) : c_(tx.connection()) {}

  // Every holiday, by day.
  std::vector<HolidayRow> list();
  // The whole calendar becomes `days` (days unique).
  void replace(const std::vector<HolidayRow>& days);

 private:
  Connection& c_;
};

}  // namespace tracker::store
