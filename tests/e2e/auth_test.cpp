// Staff log in to the web pages with a password and get a session cookie.
#include <algorithm>
#include <boost/json/serialize.hpp>
#include <thread>
#include <catch2/catch.hpp>

#include "checks.hpp"

using namespace tracker::test;

namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

}  // namespace

TEST_CASE("login sets a strict HttpOnly session cookie that works until logout", "[e2e][auth]") {
  TestServer server;
  auto world = server.make_world();
  const auto& user = world.postal;

  auto login =
      server.post("/api/v1/auth/login",
                  json::object{{"username", user.username}, {"password", user.password}}, "");
  INFO(login.body);
  REQUIRE(login.status == 200);
  const auto set_cookie = login.header("set-cookie");
  CAPTURE(set_cookie);
  CHECK(lower(set_cookie).find("httponly") != std::string::npos);
  CHECK(lower(set_cookie).find("samesite=strict") != std::string::npos);
  const auto cookie = set_cookie.substr(0, set_cookie.find(';'));  // name=value
  REQUIRE(cookie.find('=') != std::string::npos);
  const Headers with_cookie{{"Cookie", cookie}};

  CHECK(server.get("/api/v1/shipments", "", with_cookie).status == 200);

  // A write with the cookie needs the session's CSRF token (a cross-site
  // page can send the cookie but cannot read the token).
  const auto csrf = std::string(json::parse(login.body).at("csrf_token").as_string());
  REQUIRE(csrf.size() == 64);
  check_problem(server.request("POST", "/api/v1/auth/logout", "{}", "", with_cookie), 403);
  check_problem(server.request("POST", "/api/v1/auth/logout", "{}", "",
                               Headers{{"Cookie", cookie}, {"X-CSRF-Token", std::string(64, '0')}}),
                403);
  CHECK(server.get("/api/v1/shipments", "", with_cookie).status == 200);  // still logged in

  auto logout = server.request("POST", "/api/v1/auth/logout", "{}", "",
                               Headers{{"Cookie", cookie}, {"X-CSRF-Token", csrf}});
  INFO(logout.body);
  CHECK((logout.status == 200 || logout.status == 204));

  check_problem(server.get("/api/v1/shipments", "", with_cookie), 401);
}

TEST_CASE("a wrong password is refused", "[e2e][auth]") {
  TestServer server;
  auto world = server.make_world();

  struct Case {
    std::string name;
    std::string username;
    std::string password;
  };
  for (const auto& c : {Case{"wrong password", world.postal.username, "not-the-password"},
                        Case{"unknown user", "nobody", world.postal.password}}) {
    CAPTURE(c.name);
    auto r = server.post("/api/v1/auth/login",
                         json::object{{"username", c.username}, {"password", c.password}}, "");
    check_problem(r, 401);
    CHECK_FALSE(r.has_header("set-cookie"));
  }
}

TEST_CASE("a username is taken once, also by two requests at the same moment", "[e2e][auth]") {
  TestServer server;
  auto world = server.make_world();
  const json::object body{{"username", "buudien.moi"}, {"role", "postal_worker"}, {"office", std::string(kPostOffice)},
                          {"password", "mat-khau-rat-dai-2026"}};
  // Two connections post the same user at once: one 201, one 422 naming it.
  std::vector<int> statuses(2);
  std::vector<std::string> bodies(2);
  std::vector<std::thread> clients;
  for (int i = 0; i < 2; ++i) {
    clients.emplace_back([&, i] {
      auto c = server.connect();
      auto r = c->request("POST", "/api/v1/users", json::serialize(body),
                          {{"Authorization", "Bearer " + server.admin_token()}, {"Content-Type", "application/json"}});
      statuses[i] = r.status;
      bodies[i] = r.body;
    });
  }
  for (auto& t : clients) t.join();
  std::sort(statuses.begin(), statuses.end());
  INFO(bodies[0] << "\n" << bodies[1]);
  CHECK(statuses == std::vector<int>{201, 422});
  CHECK((bodies[0].find("username_taken") != std::string::npos || bodies[1].find("username_taken") != std::string::npos));
  auto users = server.get("/api/v1/users").json();
  CHECK(each(users, "/items", "username").count("buudien.moi") == 1);
}
