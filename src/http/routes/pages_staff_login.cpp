// The login page, its form post and logout.
#include "../login.hpp"
#include "../parse.hpp"
#include "../responses.hpp"
#include "staff_pages.hpp"
#include "tracker/auth/secrets.hpp"

namespace tracker::http::staff {
using namespace tracker::domain;

namespace {

// `message`: the error shown above the form, plain text ("" for none).
Response login_page(RequestContext& ctx, Language lang, int status, std::string_view next, const std::string& message) {
  const auto& t = templates(ctx);
  auto error = message.empty() ? "" : t.render("staff_login_error", lang, {{"message", message}});
  auto content = t.render("staff_login", lang, {{"next", safe_next(next)}, {"error", error}});
  pages::Frame f{text(ctx, lang, "login_title"), content, pages::language_switch(t, lang, ctx.request()), "", {}};
  return pages::page_response(t, lang, ctx.request(), status, std::move(f));
}

// A form post must come from our own pages: Origin, when sent, names this host.
bool same_origin(const Request& req) {
  auto origin = req.header("origin");
  if (!origin) return true;
  auto host = req.header("host").value_or("");
  return *origin == "http://" + host || *origin == "https://" + host;
}

Response throttled_page(RequestContext& ctx, Language lang, std::string_view next, std::chrono::seconds wait) {
  auto seconds = std::to_string(wait.count());
  auto r = login_page(ctx, lang, 429, next, pages::fill(text(ctx, lang, "login_throttled"), "seconds", seconds));
  r.headers.emplace_back("Retry-After", seconds);
  return r;
}

Response redirect(std::string location, std::string cookie) {
  Response r{303, "text/plain; charset=utf-8", "", {{"Location", std::move(location)}, {"Cache-Control", "no-store"}}};
  r.headers.emplace_back("Set-Cookie", std::move(cookie));
  return r;
}

}  // namespace

// GET /staff/login
awaitable<Response> get_login(RequestContext& ctx) {
  co_return login_page(ctx, pages::page_language(ctx.request()), 200,
                       ctx.request().query_param("next").value_or("/staff"), "");
}

// POST /staff/login (form): the session cookie, then back to where the user was going.
awaitable<Response> post_login_form(RequestContext& ctx) {
  auto lang = pages::page_language(ctx.request());
  auto form = parse_login_form(ctx.request().body);
  if (!same_origin(ctx.request())) co_return login_page(ctx, lang, 403, form.next, text(ctx, lang, "bad_origin"));
  if (!form.usable()) co_return login_page(ctx, lang, 401, form.next, text(ctx, lang, "login_failed"));
  auto outcome = co_await throttled_login(ctx, form.username, form.password);
  if (outcome.retry_after.count() > 0) co_return throttled_page(ctx, lang, form.next, outcome.retry_after);
  const auto& session = outcome.session;
  if (!session) co_return login_page(ctx, lang, status_of(session.error().errc), form.next, text(ctx, lang, "login_failed"));
  co_return redirect(safe_next(form.next), session_cookie(session->token));
}

// POST /staff/logout (form with the csrf field, checked by the dispatcher)
awaitable<Response> post_logout_form(RequestContext& ctx) {
  co_await ctx.services().auth.logout(ctx.credential());
  co_return redirect("/staff/login", expired_session_cookie());
}

}  // namespace tracker::http::staff
