#include "audit_entry.hpp"
#include "tracker/store/awaitable.hpp"
#include "tracker/tracking/notification_service.hpp"
#include "tracker/tracking/task.hpp"
#include "view_builder.hpp"

namespace tracker::tracking {
using namespace tracker::domain;

namespace {

Error admin_only() { return make_error(Errc::forbidden, "forbidden", "Only an admin manages notifications."); }

WebhookView view_of(store::Tx& tx, store::Webhook w) {
  std::string code;
  if (w.agency_id) {
    if (auto o = tx.find_office(*w.agency_id)) code = o->code;
  }
  return WebhookView{std::move(w), code};
}

}  // namespace

Task<WebhookView> NotificationService::create_webhook(const auth::Principal& p, NewWebhook w) {
  if (!auth::is_admin(p)) co_return admin_only();
  std::function<Result<WebhookView>(store::Tx&)> job = [p, w = std::move(w), now = clock_.now()](store::Tx& tx) -> Result<WebhookView> {
    store::Webhook row{{}, w.url, w.events, w.secret, std::nullopt, now};
    if (w.agency) {
      auto agency = tx.find_office_by_code(*w.agency);
      if (!agency || agency->kind != OfficeKind::agency) {
        return field_error("agency", "unknown_agency", "No agency has this code.");
      }
      row.agency_id = agency->id;
    }
    row.id = tx.insert_webhook(row);
    boost::json::array events;
    for (auto e : row.events) events.emplace_back(to_string(e));
    tx.append_audit(audit_entry(p, now, "webhook.created", std::to_string(raw(row.id)),
                                {{"url", row.url}, {"events", events}}));
    return view_of(tx, row);
  };
  auto created = co_await store::write_async<WebhookView>(store_, std::move(job));
  co_return created;
}

Result<std::vector<WebhookView>> NotificationService::list_webhooks(const auth::Principal& p) {
  if (!auth::is_admin(p)) return admin_only();
  return store_.read([](store::Tx& tx) {
    std::vector<WebhookView> out;
    for (auto& w : tx.list_webhooks()) out.push_back(view_of(tx, std::move(w)));
    return out;
  });
}

Task<Ok> NotificationService::delete_webhook(const auth::Principal& p, WebhookId id) {
  if (!auth::is_admin(p)) co_return admin_only();
  std::function<Result<Ok>(store::Tx&)> job = [p, id, now = clock_.now()](store::Tx& tx) -> Result<Ok> {
    if (!tx.find_webhook(id)) return make_error(Errc::not_found, "webhook_not_found", "No such webhook.");
    tx.delete_webhook(id, now);  // kept for the deliveries that name it
    tx.append_audit(audit_entry(p, now, "webhook.deleted", std::to_string(raw(id))));
    return Ok{};
  };
  auto done = co_await store::write_async<Ok>(store_, std::move(job));
  co_return done;
}

Result<OutboxPage> NotificationService::list(const auth::Principal& p, std::optional<MessageState> state,
                                             std::optional<MessageId> before_id, int limit) {
  if (!auth::is_admin(p)) return admin_only();
  return store_.read([&](store::Tx& tx) {
    OutboxPage page;
    page.items = tx.list_outbox(state, before_id, limit + 1);
    if (static_cast<int>(page.items.size()) > limit) {
      page.items.resize(limit);
      page.next_before_id = page.items.back().id;
    }
    return page;
  });
}

Task<store::OutboxMessage> NotificationService::retry(const auth::Principal& p, MessageId id) {
  if (!auth::is_admin(p)) co_return admin_only();
  std::function<Result<store::OutboxMessage>(store::Tx&)> job =
      [p, id, now = clock_.now()](store::Tx& tx) -> Result<store::OutboxMessage> {
    auto m = tx.find_outbox(id);
    if (!m) return make_error(Errc::not_found, "notification_not_found", "No such notification.");
    if (m->state == MessageState::sent) {
      return make_error(Errc::conflict, "already_sent", "This message was delivered; it is not sent twice.");
    }
    tx.record_attempt(m->id, MessageState::pending, m->attempts, now, m->last_error, std::nullopt);
    tx.append_audit(audit_entry(p, now, "notification.retried", std::to_string(raw(m->id)),
                                {{"channel", to_string(m->channel)}}));
    return *tx.find_outbox(id);
  };
  auto done = co_await store::write_async<store::OutboxMessage>(store_, std::move(job));
  co_return done;
}

}  // namespace tracker::tracking
