#include "tracker/auth/auth_service.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "tracker/auth/secrets.hpp"
#include "tracker/store/awaitable.hpp"
#include "tracker/executor/run_on.hpp"

namespace tracker::auth {
namespace asio = boost::asio;
using domain::Errc;
using domain::Error;
using domain::Result;

namespace {

using domain::Timestamp;

// One audit trail line (store/audit), by `actor`, at `now`.
store::AuditEntry audit(Timestamp now, std::string actor, std::string action, std::string subject,
                        std::string detail = "{}") {
  return store::AuditEntry{std::move(actor), std::move(action), std::move(subject), std::move(detail), now};
}

Error unauthenticated() {
  return domain::make_error(Errc::unauthenticated, "unauthenticated",
                            "Missing, unknown or expired credentials.");
}

std::string office_code_of(store::Tx& tx, const store::User& u) {
  if (!u.office_id) return "";
  auto o = tx.find_office(*u.office_id);
  return o ? o->code : "";
}

// Inserts the user and a bearer token for it. A taken username is decided
// by the insert itself (the unique key), so two writers cannot both take it.
Result<CreatedUser> insert_user(store::Tx& tx, const NewUser& u, const std::string& hash, const std::string& actor,
                                Timestamp now) {
  auto taken = [] { return domain::field_error("username", "username_taken", "This username is already in use."); };
  store::User row{{}, u.username, u.display_name, u.role, std::nullopt, hash};
  std::string office_code;
  if (u.office_code) {
    auto office = tx.find_office_by_code(*u.office_code);
    if (!office) return domain::field_error("office", "unknown_office", "No office has this code.");
    // VNPost staff and clerks also work in the service centres (Decree 118/2025).
    using domain::OfficeKind;
    if (u.role == Role::agency_system && office->kind != OfficeKind::agency) {
      return domain::field_error("office", "office_kind_mismatch", "An agency's system belongs to an agency.");
    }
    if ((u.role == Role::clerk && office->kind == OfficeKind::post_office) ||
        (u.role == Role::postal_worker && office->kind == OfficeKind::agency)) {
      return domain::field_error("office", "office_kind_mismatch",
                                 "A clerk belongs to an agency or a service centre, a postal worker to a post "
                                 "office or a service centre.");
    }
    row.office_id = office->id;
    office_code = office->code;
  } else if (u.role != Role::admin) {
    return domain::field_error("office", "required", "Every user but an admin belongs to an office.");
  }
  auto id = tx.insert_user(row, now);
  if (!id) return taken();
  row.id = *id;
  auto token = new_token();
  tx.insert_token(sha256(token), row.id, domain::TokenKind::bearer, now, std::nullopt);
  tx.append_audit(audit(now, actor, "user.created", row.username,
                        "{\"role\":\"" + std::string(to_string(row.role)) + "\",\"office\":\"" + office_code + "\"}"));
  row.password_hash.clear();
  return CreatedUser{UserView{row, office_code}, token};
}

}  // namespace

Result<Principal> AuthService::authenticate(const std::string& token) {
  if (token.empty() || token.size() > 256) return unauthenticated();
  auto hash = sha256(token);
  auto steady = std::chrono::steady_clock::now();
  {
    std::lock_guard lock(cache_mu_);
    auto it = cache_.find(hash);
    if (it != cache_.end() && it->second.until > steady) return it->second.principal;
  }
  auto found = store_.read([&](store::Tx& tx) -> Result<Principal> {
    auto owner = tx.find_token_owner(hash, clock_.now());
    if (!owner) return unauthenticated();
    Principal p{owner->user.id, owner->user.username, owner->user.role, owner->user.office_id, "", false};
    if (p.office_id) {
      auto office = tx.find_office(*p.office_id);
      if (office) {
        p.office_code = office->code;
        p.office_is_agency = office->kind == domain::OfficeKind::agency;
      }
    }
    return p;
  });
  if (found) {
    std::lock_guard lock(cache_mu_);
    if (cache_.size() > 10000) cache_.clear();  // bounded; refilled on demand
    cache_[hash] = CachedPrincipal{*found, steady + kTokenCacheTtl};
  }
  return found;
}

asio::awaitable<Result<CreatedUser>> AuthService::create_user(NewUser u, std::string actor) {
  std::string hash;
  if (!u.password.empty()) {
    auto hashing = [&] { return hash_password(u.password); };
    hash = co_await executor::run_on(workers_, hashing);
  }
  std::function<domain::Result<CreatedUser>(store::Tx&)> job1 =
      [u = std::move(u), hash, actor, now = clock_.now()](store::Tx& tx) {
        return insert_user(tx, u, hash, actor, now);
      };
  auto written1 = co_await store::write_async<CreatedUser>(store_, std::move(job1));
  co_return written1;
}

asio::awaitable<Result<Session>> AuthService::login(std::string username, std::string password) {
  auto user = store_.read([&](store::Tx& tx) { return tx.find_user_by_username(username); });
  // Verify against a dummy hash when the user is unknown, so timing does not
  // tell which usernames exist.
  auto verifying = [&] {
    static const std::string kDummy = hash_password("not a real password");
    return verify_password(password, user && !user->password_hash.empty() ? user->password_hash : kDummy);
  };
  bool ok = co_await executor::run_on(workers_, verifying);
  if (!ok || !user || user->password_hash.empty()) {
    // Failed attempts are kept too (the subject is the name as typed, cut).
    std::function<domain::Result<domain::Ok>(store::Tx&)> failed =
        [name = username.substr(0, 64), now = clock_.now()](store::Tx& tx) -> Result<domain::Ok> {
      tx.append_audit(audit(now, name, "login.failed", name));
      return domain::Ok{};
    };
    co_await store::write_async<domain::Ok>(store_, std::move(failed));
    co_return domain::make_error(Errc::unauthenticated, "bad_credentials",
                                 "Wrong username or password.");
  }
  auto token = new_token();
  auto u = *user;
  std::function<domain::Result<Session>(store::Tx&)> job2 =
      [u, token, now = clock_.now()](store::Tx& tx) mutable -> Result<Session> {
    tx.insert_token(sha256(token), u.id, domain::TokenKind::session, now, now + kSessionLifetime);
    tx.append_audit(audit(now, u.username, "login", u.username));
    auto code = office_code_of(tx, u);
    u.password_hash.clear();
    return Session{UserView{u, code}, token};
  };
  auto written2 = co_await store::write_async<Session>(store_, std::move(job2));
  co_return written2;
}

asio::awaitable<Result<domain::Ok>> AuthService::logout(std::string token) {
  auto forget = [this, hash = sha256(token)] {
    std::lock_guard lock(cache_mu_);
    cache_.erase(hash);
  };
  forget();
  std::function<domain::Result<domain::Ok>(store::Tx&)> job3 =
      [token, now = clock_.now()](store::Tx& tx) -> Result<domain::Ok> {
    if (auto owner = tx.find_token_owner(sha256(token), now)) {
      tx.append_audit(audit(now, owner->user.username, "logout", owner->user.username));
    }
    tx.revoke_token(sha256(token), now);
    return domain::Ok{};
  };
  auto written3 = co_await store::write_async<domain::Ok>(store_, std::move(job3));
  forget();  // a check that raced the revoke may have cached it again
  co_return written3;
}

Result<std::vector<UserView>> AuthService::list_users() {
  return store_.read([](store::Tx& tx) {
    std::vector<UserView> out;
    for (auto& u : tx.list_users()) {
      u.password_hash.clear();
      out.push_back(UserView{u, office_code_of(tx, u)});
    }
    return out;
  });
}

Result<std::string> AuthService::admin_token_blocking(const std::string& username) {
  return store_.write_blocking<std::string>([username, now = clock_.now()](store::Tx& tx) -> Result<std::string> {
    // Insert if new, then read: two commands at once make one admin.
    store::User row{{}, username, "Quản trị hệ thống", Role::admin, std::nullopt, ""};
    tx.insert_user(row, now);
    auto user = tx.find_user_by_username(username);
    domain::UserId id{};
    if (!user) {
      return domain::make_error(Errc::unavailable, "storage_unavailable", "The admin user could not be read back.");
    } else if (user->role != Role::admin) {
      return domain::make_error(Errc::conflict, "not_admin", "User " + username + " exists and is not an admin.");
    } else {
      id = user->id;
    }
    auto token = new_token();
    tx.insert_token(sha256(token), id, domain::TokenKind::bearer, now, std::nullopt);
    tx.append_audit(audit(now, "system", "token.issued", username, "{\"by\":\"admin-token command\"}"));
    return token;
  });
}

}  // namespace tracker::auth
