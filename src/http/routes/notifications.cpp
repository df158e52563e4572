// /api/v1/webhooks, /api/v1/notifications (admin)
#include "../context.hpp"
#include "../fields.hpp"
#include "../paging.hpp"
#include "../render.hpp"
#include "../responses.hpp"
#include "handlers.hpp"
#include "routes.hpp"
#include "tracker/tracking/notification_service.hpp"

namespace tracker::http {
namespace asio = boost::asio;
using asio::awaitable;
namespace json = boost::json;
using namespace tracker::domain;

namespace notification_api {

constexpr std::size_t kMaxUrl = 2048;

json::object webhook_json(const tracking::WebhookView& v) {
  json::array events;
  for (auto e : v.webhook.events) events.push_back(json::value(to_string(e)));
  // The secret is never echoed back.
  return json::object{{"id", raw(v.webhook.id)},
                      {"url", v.webhook.url},
                      {"events", std::move(events)},
                      {"agency", v.agency_code.empty() ? json::value(nullptr) : json::value(v.agency_code)},
                      {"created_at", format_rfc3339(v.webhook.created_at)}};
}

Result<tracking::NewWebhook> parse_webhook(const json::object& o) {
  Fields f(o);
  tracking::NewWebhook w;
  w.url = f.text("url", true, kMaxUrl).value_or("");
  if (!w.url.empty() && w.url.rfind("http://", 0) != 0 && w.url.rfind("https://", 0) != 0) {
    f.add("url", "invalid_url", "url starts with http:// or https://.");
  }
  w.secret = f.text("secret", true, 256).value_or("");
  if (!w.secret.empty() && w.secret.size() < 16) f.add("secret", "too_short", "A secret has at least 16 characters.");
  w.agency = f.text("agency", false, 32);
  if (auto* events = f.array("events", true, 14)) {
    for (const auto& e : *events) {
      auto type = e.is_string() ? parse_trigger(e.as_string()) : std::nullopt;
      if (!type) {
        f.add("events", "unknown_value",
              "events are event types (accepted, dispatched, arrived, out_for_delivery, delivery_failed, held, "
              "delivered, returned) or agency statuses (received, supplement_requested, refused, paused, "
              "withdrawn, result_ready).");
        break;
      }
      w.events.push_back(*type);
    }
    if (events->empty()) f.add("events", "required", "Name at least one event type.");
  }
  if (!f.ok()) return f.error();
  return w;
}

template <class Id>
Result<Id> path_id(RequestContext& ctx) {
  if (auto id = parse_positive(ctx.param("id"))) return Id(*id);
  return make_error(Errc::not_found, "not_found", "No such id.");
}

// POST /api/v1/webhooks
awaitable<Response> post_webhook(RequestContext& ctx) {
  auto body = ctx.json_body();
  if (!body) co_return problem(body.error(), ctx.language());
  auto hook = parse_webhook(*body);
  if (!hook) co_return problem(hook.error(), ctx.language());
  auto created = co_await ctx.services().notifications.create_webhook(ctx.principal(), std::move(*hook));
  if (!created) co_return problem(created.error(), ctx.language());
  co_return json_response(201, webhook_json(*created));
}

// GET /api/v1/webhooks
awaitable<Response> get_webhooks(RequestContext& ctx) {
  auto hooks = ctx.services().notifications.list_webhooks(ctx.principal());
  if (!hooks) co_return problem(hooks.error(), ctx.language());
  json::array items;
  for (const auto& h : *hooks) items.push_back(webhook_json(h));
  co_return json_response(200, {{"items", std::move(items)}, {"next_cursor", nullptr}});
}

// DELETE /api/v1/webhooks/{id}
awaitable<Response> delete_webhook(RequestContext& ctx) {
  auto id = path_id<WebhookId>(ctx);
  if (!id) co_return problem(id.error(), ctx.language());
  auto done = co_await ctx.services().notifications.delete_webhook(ctx.principal(), *id);
  if (!done) co_return problem(done.error(), ctx.language());
  co_return Response{204, "application/json", "", {}};
}

// GET /api/v1/notifications?state=&limit=&cursor=
awaitable<Response> get_notifications(RequestContext& ctx) {
  const auto& req = ctx.request();
  std::optional<MessageState> state;
  if (auto word = req.query_param("state")) {
    state = parse_message_state(*word);
    if (!state) {
      co_return problem(field_error("state", "unknown_value", "state is pending, failed, sent or dead."),
                        ctx.language());
    }
  }
  std::vector<FieldError> errors;
  auto query = parse_page(req, errors);
  if (!errors.empty()) {
    co_return problem(Error{Errc::invalid, "validation_failed", "Invalid query.", errors}, ctx.language());
  }
  std::optional<MessageId> before;
  if (query.before_id) before = MessageId(*query.before_id);
  auto page = ctx.services().notifications.list(ctx.principal(), state, before, query.limit);
  if (!page) co_return problem(page.error(), ctx.language());
  json::array items;
  for (const auto& m : page->items) {
    auto j = notification_json(m);
    j["webhook_id"] = m.webhook_id ? json::value(raw(*m.webhook_id)) : nullptr;
    items.push_back(std::move(j));
  }
  co_return list_response(std::move(items), page->next_before_id);
}

// POST /api/v1/notifications/{id}/retry
awaitable<Response> post_retry(RequestContext& ctx) {
  auto id = path_id<MessageId>(ctx);
  if (!id) co_return problem(id.error(), ctx.language());
  auto m = co_await ctx.services().notifications.retry(ctx.principal(), *id);
  if (!m) co_return problem(m.error(), ctx.language());
  co_return json_response(200, notification_json(*m));
}

}  // namespace notification_api

}  // namespace tracker::http
