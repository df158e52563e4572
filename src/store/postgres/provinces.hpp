#pragma once
// SQL expressions for the province of a row, written into the statements
// that need them (prepared once, planned with them: a function call would be
// planned again at every call). Private to store/postgres.
#include <string>

namespace tracker::store::postgres::provinces {

// The province of the office `param` ("$6"): its commune's, or '00' (an
// office written before 2025 without a commune code).
inline std::string of_office(const std::string& param) {
  return "COALESCE((SELECT c.province_code FROM offices o JOIN communes c ON c.code = o.commune_code "
         "WHERE o.id = " + param + "::bigint), '00')";
}

// The province an audit row's subject `param` belongs to: a shipment's
// (tracking number), a handover list's (code) or an office's (code); else
// '00' (national settings, users).
inline std::string of_subject(const std::string& param) {
  return "COALESCE((SELECT province FROM shipments WHERE tracking_number = " + param + "::text LIMIT 1), "
         "(SELECT province FROM handovers WHERE code = " + param + "::text LIMIT 1), "
         "(SELECT COALESCE(c.province_code, '00') FROM offices o LEFT JOIN communes c ON c.code = o.commune_code "
         "WHERE o.code = " + param + "::text), '00')";
}

}  // namespace tracker::store::postgres::provinces
