// /api/v1/offices, /api/v1/users, /api/v1/auth/*
#include "../context.hpp"
#include "../login.hpp"
#include "../parse.hpp"
#include "../render.hpp"
#include "../responses.hpp"
#include "handlers.hpp"
#include "routes.hpp"
#include "tracker/auth/secrets.hpp"

namespace tracker::http {
namespace asio = boost::asio;
using asio::awaitable;
namespace json = boost::json;

namespace office_api {

// POST /api/v1/offices
awaitable<Response> post_office(RequestContext& ctx) {
  auto body = ctx.json_body();
  if (!body) co_return problem(body.error(), ctx.language());
  auto office = parse_new_office(*body);
  if (!office) co_return problem(office.error(), ctx.language());
  auto created = co_await ctx.services().offices.create(ctx.principal(), std::move(*office));
  if (!created) co_return problem(created.error(), ctx.language());
  co_return json_response(201, office_json(*created));
}

// PATCH /api/v1/offices/{code}
awaitable<Response> patch_office(RequestContext& ctx) {
  auto body = ctx.json_body();
  if (!body) co_return problem(body.error(), ctx.language());
  auto change = parse_office_change(*body);
  if (!change) co_return problem(change.error(), ctx.language());
  auto updated = co_await ctx.services().offices.update(ctx.principal(), ctx.param("code"), std::move(*change));
  if (!updated) co_return problem(updated.error(), ctx.language());
  co_return json_response(200, office_json(*updated));
}

// GET /api/v1/offices
awaitable<Response> get_offices(RequestContext& ctx) {
  auto offices = ctx.services().offices.list();
  if (!offices) co_return problem(offices.error(), ctx.language());
  json::array items;
  for (const auto& o : *offices) items.push_back(office_json(o));
  co_return json_response(200, {{"items", std::move(items)}, {"next_cursor", nullptr}});
}

domain::Error admin_only() {
  return domain::make_error(domain::Errc::forbidden, "forbidden", "Only an admin manages users.");
}

// POST /api/v1/users
awaitable<Response> post_user(RequestContext& ctx) {
  if (!auth::is_admin(ctx.principal())) co_return problem(admin_only(), ctx.language());
  auto body = ctx.json_body();
  if (!body) co_return problem(body.error(), ctx.language());
  auto user = parse_new_user(*body);
  if (!user) co_return problem(user.error(), ctx.language());
  auto created = co_await ctx.services().auth.create_user(std::move(*user), ctx.principal().username);
  if (!created) co_return problem(created.error(), ctx.language());
  co_return json_response(201, {{"user", user_json(created->user)}, {"token", created->token}});
}

// GET /api/v1/users
awaitable<Response> get_users(RequestContext& ctx) {
  if (!auth::is_admin(ctx.principal())) co_return problem(admin_only(), ctx.language());
  auto users = ctx.services().auth.list_users();
  if (!users) co_return problem(users.error(), ctx.language());
  json::array items;
  for (const auto& u : *users) items.push_back(user_json(u));
  co_return json_response(200, {{"items", std::move(items)}, {"next_cursor", nullptr}});
}

// POST /api/v1/auth/login
awaitable<Response> post_login(RequestContext& ctx) {
  auto body = ctx.json_body();
  if (!body) co_return problem(body.error(), ctx.language());
  auto* username = body->if_contains("username");
  auto* password = body->if_contains("password");
  if (!username || !password || !username->is_string() || !password->is_string() ||
      username->as_string().size() > 64 || password->as_string().size() > 256) {
    co_return problem(domain::make_error(domain::Errc::malformed, "malformed_login",
                                         "Send {\"username\": \"…\", \"password\": \"…\"}."),
                      ctx.language());
  }
  auto outcome = co_await throttled_login(ctx, std::string(username->as_string()),
                                         std::string(password->as_string()));
  if (outcome.retry_after.count() > 0) co_return too_many(outcome.session.error(), ctx.language(), outcome.retry_after);
  auto& session = outcome.session;
  if (!session) co_return problem(session.error(), ctx.language());
  auto r = json_response(200, {{"user", user_json(session->user)}, {"csrf_token", auth::csrf_token(session->token)}});
  r.headers.emplace_back("Set-Cookie", session_cookie(session->token));
  co_return r;
}

// POST /api/v1/auth/logout
awaitable<Response> post_logout(RequestContext& ctx) {
  auto done = co_await ctx.services().auth.logout(ctx.credential());
  if (!done) co_return problem(done.error(), ctx.language());
  Response r{204, "application/json", "", {}};
  r.headers.emplace_back("Set-Cookie", expired_session_cookie());
  co_return r;
}

}  // namespace office_api

}  // namespace tracker::http
