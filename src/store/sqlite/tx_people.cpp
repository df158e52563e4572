// Tx statements for offices, users, tokens and serials.
#include "connection.hpp"
#include "rows.hpp"
#include "sqlite_tx.hpp"

namespace tracker::store::sqlite {
using namespace rows;
namespace {

// An office's units are named from its commune code when it has one (the
// text written before 2025 stays in the row, unread).
constexpr const char* kOfficeColumns =
    "SELECT o.id, o.code, o.kind, o.name, COALESCE(p.name, o.province), COALESCE(c.name, o.commune), o.address, "
    "o.agency_code, o.commune_code, c.province_code, o.dossier_code_pattern, o.calendar FROM offices o "
    "LEFT JOIN communes c ON c.code = o.commune_code LEFT JOIN provinces p ON p.code = c.province_code ";

Office office_from(SQLite::Statement& q) {
  return Office{id<OfficeId>(q.getColumn(0)), q.getColumn(1).getString(), word<OfficeKind>(q.getColumn(2)),
                q.getColumn(3).getString(), q.getColumn(4).getString(), q.getColumn(5).getString(),
                q.getColumn(6).getString(), opt_text(q.getColumn(7)), opt_text(q.getColumn(8)),
                opt_text(q.getColumn(9)), opt_text(q.getColumn(10)), opt_word<domain::CalendarName>(q.getColumn(11))};
}

constexpr const char* kUserColumns =
    "SELECT u.id, u.username, u.display_name, u.role, u.office_id, "
    "COALESCE(u.password_hash, '') FROM users u ";

User user_from(SQLite::Statement& q) {
  return User{id<UserId>(q.getColumn(0)), q.getColumn(1).getString(), q.getColumn(2).getString(),
              word<Role>(q.getColumn(3)), opt_id<OfficeId>(q.getColumn(4)), q.getColumn(5).getString()};
}

}  // namespace

OfficeId SqliteTx::insert_office(const Office& o, Timestamp now) {
  auto& q = c_.statement(
      "INSERT INTO offices (code, kind, name, province, commune, address, agency_code, commune_code, "
      "dossier_code_pattern, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  q.bind(1, o.code);
  put(q, 2, o.kind);
  q.bind(3, o.name);
  q.bind(4, o.province);
  q.bind(5, o.commune);
  q.bind(6, o.address);
  put(q, 7, o.agency_code);
  put(q, 8, o.commune_code);
  put(q, 9, o.dossier_code_pattern);
  put(q, 10, now);
  q.exec();
  return OfficeId(c_.db().getLastInsertRowid());
}

void SqliteTx::update_office(const Office& o, Timestamp now) {
  auto& old = c_.statement("SELECT name FROM offices WHERE id = ?");
  put(old, 1, o.id);
  if (old.executeStep() && old.getColumn(0).getString() != o.name) {
    auto& history = c_.statement("INSERT INTO office_names (office_id, valid_until, name) VALUES (?, ?, ?)");
    put(history, 1, o.id);
    put(history, 2, now);
    history.bind(3, old.getColumn(0).getString());
    history.exec();
  }
  auto& q = c_.statement(
      "UPDATE offices SET name = ?, province = ?, commune = ?, address = ?, agency_code = ?, commune_code = ?, "
      "dossier_code_pattern = ?, calendar = ? WHERE id = ?");
  q.bind(1, o.name);
  q.bind(2, o.province);
  q.bind(3, o.commune);
  q.bind(4, o.address);
  put(q, 5, o.agency_code);
  put(q, 6, o.commune_code);
  put(q, 7, o.dossier_code_pattern);
  put(q, 8, o.calendar);
  put(q, 9, o.id);
  q.exec();
}

std::vector<OfficeName> SqliteTx::earlier_office_names(OfficeId id) {
  auto& q = c_.statement("SELECT valid_until, name FROM office_names WHERE office_id = ? ORDER BY valid_until");
  put(q, 1, id);
  std::vector<OfficeName> out;
  while (q.executeStep()) out.push_back({ts(q.getColumn(0).getInt64()), q.getColumn(1).getString()});
  return out;
}

std::optional<Office> SqliteTx::find_office(OfficeId id) {
  auto& q = c_.statement(std::string(kOfficeColumns) + "WHERE o.id = ?");
  put(q, 1, id);
  if (!q.executeStep()) return std::nullopt;
  return office_from(q);
}

std::optional<Office> SqliteTx::find_office_by_code(const std::string& code) {
  auto& q = c_.statement(std::string(kOfficeColumns) + "WHERE o.code = ?");
  q.bind(1, code);
  if (!q.executeStep()) return std::nullopt;
  return office_from(q);
}

std::vector<Office> SqliteTx::list_offices() {
  auto& q = c_.statement(std::string(kOfficeColumns) + "ORDER BY o.code");
  std::vector<Office> out;
  while (q.executeStep()) out.push_back(office_from(q));
  return out;
}

std::optional<UserId> SqliteTx::insert_user(const User& u, Timestamp now) {
  auto& q = c_.statement(
      "INSERT INTO users (username, display_name, role, office_id, password_hash, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (username) DO NOTHING RETURNING id");
  q.bind(1, u.username);
  q.bind(2, u.display_name);
  put(q, 3, u.role);
  put(q, 4, u.office_id);
  if (u.password_hash.empty()) q.bind(5); else q.bind(5, u.password_hash);
  put(q, 6, now);
  if (!q.executeStep()) return std::nullopt;  // taken
  return UserId(q.getColumn(0).getInt64());
}

std::optional<User> SqliteTx::find_user_by_username(const std::string& username) {
  auto& q = c_.statement(std::string(kUserColumns) + "WHERE u.username = ?");
  q.bind(1, username);
  if (!q.executeStep()) return std::nullopt;
  return user_from(q);
}

std::optional<User> SqliteTx::find_user(UserId id) {
  auto& q = c_.statement(std::string(kUserColumns) + "WHERE u.id = ?");
  put(q, 1, id);
  if (!q.executeStep()) return std::nullopt;
  return user_from(q);
}

std::vector<User> SqliteTx::list_users() {
  auto& q = c_.statement(std::string(kUserColumns) + "ORDER BY u.username");
  std::vector<User> out;
  while (q.executeStep()) out.push_back(user_from(q));
  return out;
}

void SqliteTx::insert_token(const std::string& token_hash, UserId user_id, domain::TokenKind kind,
                      Timestamp now, std::optional<Timestamp> expires_at) {
  auto& q = c_.statement(
      "INSERT INTO tokens (token_hash, user_id, kind, created_at, expires_at) VALUES (?, ?, ?, ?, ?)");
  bind_blob(q, 1, token_hash);
  put(q, 2, user_id);
  put(q, 3, kind);
  put(q, 4, now);
  put(q, 5, expires_at);
  q.exec();
}

std::optional<TokenOwner> SqliteTx::find_token_owner(const std::string& token_hash, Timestamp now) {
  auto& q = c_.statement(std::string(kUserColumns) +
                         ", tokens t WHERE t.token_hash = ? AND t.user_id = u.id "
                         "AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > ?) "
                         "LIMIT 1");
  bind_blob(q, 1, token_hash);
  put(q, 2, now);
  if (!q.executeStep()) return std::nullopt;
  TokenOwner owner{user_from(q)};
  auto& k = c_.statement("SELECT kind FROM tokens WHERE token_hash = ?");
  bind_blob(k, 1, token_hash);
  if (k.executeStep()) owner.kind = word<domain::TokenKind>(k.getColumn(0));
  return owner;
}

void SqliteTx::revoke_token(const std::string& token_hash, Timestamp now) {
  auto& q = c_.statement(
      "UPDATE tokens SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL");
  put(q, 1, now);
  bind_blob(q, 2, token_hash);
  q.exec();
}

std::uint32_t SqliteTx::take_serial(const std::string& service_indicator) {
  auto& ins = c_.statement(
      "INSERT INTO serials (service_indicator, next_serial) VALUES (?, 1) "
      "ON CONFLICT (service_indicator) DO NOTHING");
  ins.bind(1, service_indicator);
  ins.exec();
  auto& q = c_.statement(
      "UPDATE serials SET next_serial = next_serial + 1 WHERE service_indicator = ? "
      "RETURNING next_serial - 1");
  q.bind(1, service_indicator);
  q.executeStep();
  auto serial = static_cast<std::uint32_t>(q.getColumn(0).getInt64());
  while (q.executeStep()) {
  }
  return serial;
}

void SqliteTx::probe_write(Timestamp now) {
  auto& q = c_.statement("UPDATE health_probe SET at = ? WHERE id = 1");
  put(q, 1, now);
  q.exec();
}

bool SqliteTx::ping() {
  auto& q = c_.statement("SELECT count(*) FROM sqlite_schema WHERE name = 'events'");
  return q.executeStep() && q.getColumn(0).getInt() == 1;
}

}  // namespace tracker::store::sqlite
