#include "tracker/domain/address.hpp"

namespace tracker::domain {

std::string Address::one_line() const {
  std::string out;
  for (const auto* part : {&line, &commune, &district, &province}) {
    if (!*part || (*part)->empty()) continue;
    if (!out.empty()) out += ", ";
    out += **part;
  }
  return out;
}

}  // namespace tracker::domain
