// Tx statements for offices, users, tokens, serials and the health probe.
#include "pg_rows.hpp"
#include "pg_tx.hpp"

namespace tracker::store::postgres {
using namespace rows;
namespace {

// An office's units are named from its commune code when it has one (the
// text written before 2025 stays in the row, unread).
constexpr const char* kOfficeColumns =
    "SELECT o.id, o.code, o.kind, o.name, COALESCE(p.name, o.province), COALESCE(c.name, o.commune), o.address, "
    "o.agency_code, o.commune_code, c.province_code, o.dossier_code_pattern, o.calendar FROM offices o "
    "LEFT JOIN communes c ON c.code = o.commune_code LEFT JOIN provinces p ON p.code = c.province_code ";

Office office_from(const Row& r) {
  return Office{r.id<OfficeId>(0), r.text(1), r.word<OfficeKind>(2), r.text(3), r.text(4), r.text(5),
                r.text(6), r.opt_text(7), r.opt_text(8), r.opt_text(9), r.opt_text(10),
                r.opt_word<domain::CalendarName>(11)};
}

constexpr const char* kUserColumns =
    "SELECT u.id, u.username, u.display_name, u.role, u.office_id, COALESCE(u.password_hash, '') FROM users u ";

User user_from(const Row& r) {
  return User{r.id<UserId>(0), r.text(1), r.text(2), r.word<Role>(3), r.opt_id<OfficeId>(4), r.text(5)};
}

}  // namespace

OfficeId PgTx::insert_office(const Office& o, Timestamp now) {
  auto r = run(c_,
               "INSERT INTO offices (code, kind, name, province, commune, address, agency_code, commune_code, "
               "dossier_code_pattern, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
               Params(o.code, o.kind, o.name, o.province, o.commune, o.address, o.agency_code, o.commune_code,
                      o.dossier_code_pattern, now));
  return OfficeId(Row(r, 0).int64(0));
}

void PgTx::update_office(const Office& o, Timestamp now) {
  // The row lock orders two renames of one office: each keeps the name it replaced.
  auto old = run(c_, "SELECT name FROM offices WHERE id = $1 FOR UPDATE", Params(o.id));
  if (old.rows() > 0 && Row(old, 0).text(0) != o.name) {
    run(c_, "INSERT INTO office_names (office_id, valid_until, name) VALUES ($1, $2, $3)",
        Params(o.id, now, Row(old, 0).text(0)));
  }
  run(c_,
      "UPDATE offices SET name = $1, province = $2, commune = $3, address = $4, agency_code = $5, commune_code = $6, "
      "dossier_code_pattern = $7, calendar = $8 WHERE id = $9",
      Params(o.name, o.province, o.commune, o.address, o.agency_code, o.commune_code, o.dossier_code_pattern,
             o.calendar, o.id));
}

std::vector<OfficeName> PgTx::earlier_office_names(OfficeId id) {
  return all(run(c_, "SELECT valid_until, name FROM office_names WHERE office_id = $1 ORDER BY valid_until",
                 Params(id)),
             [](const Row& r) { return OfficeName{r.time(0), r.text(1)}; });
}

std::optional<Office> PgTx::find_office(OfficeId id) {
  return first(run(c_, std::string(kOfficeColumns) + "WHERE o.id = $1", Params(id)), office_from);
}

std::optional<Office> PgTx::find_office_by_code(const std::string& code) {
  return first(run(c_, std::string(kOfficeColumns) + "WHERE o.code = $1", Params(code)), office_from);
}

std::vector<Office> PgTx::list_offices() {
  // COLLATE "C": the byte order SQLite sorts by, whatever the database's locale.
  return all(run(c_, std::string(kOfficeColumns) + "ORDER BY o.code COLLATE \"C\""), office_from);
}

std::optional<UserId> PgTx::insert_user(const User& u, Timestamp now) {
  auto r = run(c_,
               "INSERT INTO users (username, display_name, role, office_id, password_hash, created_at) "
               "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (username) DO NOTHING RETURNING id",
               Params(u.username, u.display_name, u.role, u.office_id,
                      u.password_hash.empty() ? std::nullopt : std::optional<std::string>(u.password_hash), now));
  if (r.rows() == 0) return std::nullopt;  // taken
  return UserId(Row(r, 0).int64(0));
}

std::optional<User> PgTx::find_user_by_username(const std::string& username) {
  return first(run(c_, std::string(kUserColumns) + "WHERE u.username = $1", Params(username)), user_from);
}

std::optional<User> PgTx::find_user(UserId id) {
  return first(run(c_, std::string(kUserColumns) + "WHERE u.id = $1", Params(id)), user_from);
}

std::vector<User> PgTx::list_users() {
  return all(run(c_, std::string(kUserColumns) + "ORDER BY u.username COLLATE \"C\""), user_from);
}

void PgTx::insert_token(const std::string& token_hash, UserId user_id, domain::TokenKind kind, Timestamp now,
                        std::optional<Timestamp> expires_at) {
  run(c_, "INSERT INTO tokens (token_hash, user_id, kind, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
      Params().bytes(token_hash).add(user_id).add(kind).add(now).add(expires_at));
}

std::optional<TokenOwner> PgTx::find_token_owner(const std::string& token_hash, Timestamp now) {
  auto r = run(c_,
               "SELECT u.id, u.username, u.display_name, u.role, u.office_id, COALESCE(u.password_hash, ''), t.kind "
               "FROM users u JOIN tokens t ON t.user_id = u.id WHERE t.token_hash = $1 "
                   "AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > $2) LIMIT 1",
               Params().bytes(token_hash).add(now));
  return first(r, [](const Row& row) { return TokenOwner{user_from(row), row.word<domain::TokenKind>(6)}; });
}

void PgTx::revoke_token(const std::string& token_hash, Timestamp now) {
  run(c_, "UPDATE tokens SET revoked_at = $1 WHERE token_hash = $2 AND revoked_at IS NULL",
      Params(now).bytes(token_hash));
}

std::uint32_t PgTx::take_serial(const std::string& service_indicator) {
  // One statement: the row's lock orders writers of the same indicator.
  auto r = run(c_,
               "INSERT INTO serials (service_indicator, next_serial) VALUES ($1, 2) "
               "ON CONFLICT (service_indicator) DO UPDATE SET next_serial = serials.next_serial + 1 "
               "RETURNING next_serial - 1",
               Params(service_indicator));
  return static_cast<std::uint32_t>(Row(r, 0).int64(0));
}

void PgTx::probe_write(Timestamp now) { run(c_, "UPDATE health_probe SET at = $1 WHERE id = 1", Params(now)); }

bool PgTx::ping() {
  auto r = run(c_, "SELECT to_regclass('events') IS NOT NULL");
  return r.rows() == 1 && Row(r, 0).boolean(0);
}

}  // namespace tracker::store::postgres
