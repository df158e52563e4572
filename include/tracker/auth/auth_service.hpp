#pragma once
// Users, tokens and sessions. Thread-safe. Password hashing and checking run
// on the worker pool, never on the calling I/O thread; token checks are one
// indexed read.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "tracker/auth/principal.hpp"
#include "tracker/domain/clock.hpp"
#include "tracker/domain/result.hpp"
#include "tracker/store/store.hpp"

namespace tracker::auth {

struct NewUser {
  std::string username;
  std::string display_name;
  Role role = Role::postal_worker;
  std::optional<std::string> office_code;  // required unless admin
  std::string password;                    // may be empty: token-only user
};

struct UserView {
  store::User user;
  std::string office_code;  // empty for an admin without office
};

struct CreatedUser {
  UserView user;
  std::string token;  // shown once
};

struct Session {
  UserView user;
  std::string token;  // the cookie value
};

class AuthService {
 public:
  static constexpr auto kSessionLifetime = std::chrono::hours(12);

  // Sessions expire and audit lines are dated by `clock`.
  AuthService(store::Store& store, boost::asio::thread_pool& workers,
              const domain::Clock& clock = domain::system_clock())
      : store_(store), workers_(workers), clock_(clock) {}

  // How long a checked token is trusted without asking the database again.
  // Logout through this service takes effect at once.
  static constexpr auto kTokenCacheTtl = std::chrono::seconds(5);

  // The owner of a live bearer token or session cookie; unauthenticated if
  // unknown, revoked or expired.
  domain::Result<Principal> authenticate(const std::string& token);

  boost::asio::awaitable<domain::Result<CreatedUser>> create_user(NewUser u, std::string actor = "system");
  // Checks the password (slowly, off the I/O thread) and opens a session.
  boost::asio::awaitable<domain::Result<Session>> login(std::string username, std::string password);
  boost::asio::awaitable<domain::Result<domain::Ok>> logout(std::string token);

  domain::Result<std::vector<UserView>> list_users();

  // For the command line: creates the admin user if missing and returns a
  // fresh bearer token. Blocks.
  domain::Result<std::string> admin_token_blocking(const std::string& username);

 private:
  store::Store& store_;
  boost::asio::thread_pool& workers_;
  const domain::Clock& clock_;

  struct CachedPrincipal {
    Principal principal;
    std::chrono::steady_clock::time_point until;
  };
  std::mutex cache_mu_;
  std::unordered_map<std::string, CachedPrincipal> cache_;  // by SHA-256 of the token
};

}  // namespace tracker::auth
