#pragma once
// Webhook subscriptions and the operator's view of the outbox (admin only).
// Thread-safe; writes complete after their commit.
#include <boost/asio/awaitable.hpp>
#include <optional>
#include <string>
#include <vector>

#include "tracker/auth/principal.hpp"
#include "tracker/domain/clock.hpp"
#include "tracker/domain/result.hpp"
#include "tracker/store/store.hpp"

namespace tracker::tracking {

struct NewWebhook {
  std::string url;
  std::vector<domain::Trigger> events;  // event types and agency statuses
  std::string secret;
  std::optional<std::string> agency;     // office code: only this agency's shipments
};

struct WebhookView {
  store::Webhook webhook;
  std::string agency_code;  // empty: every agency
};

struct OutboxPage {
  std::vector<store::OutboxMessage> items;
  std::optional<domain::MessageId> next_before_id;
};

class NotificationService {
 public:
  explicit NotificationService(store::Store& store, const domain::Clock& clock = domain::system_clock())
      : store_(store), clock_(clock) {}

  boost::asio::awaitable<domain::Result<WebhookView>> create_webhook(const auth::Principal& p, NewWebhook w);
  domain::Result<std::vector<WebhookView>> list_webhooks(const auth::Principal& p);
  boost::asio::awaitable<domain::Result<domain::Ok>> delete_webhook(const auth::Principal& p, domain::WebhookId id);

  domain::Result<OutboxPage> list(const auth::Principal& p, std::optional<domain::MessageState> state,
                                  std::optional<domain::MessageId> before_id, int limit);
  // A failed or dead message goes back to pending, due now; a sent one is 409.
  boost::asio::awaitable<domain::Result<store::OutboxMessage>> retry(const auth::Principal& p, domain::MessageId id);

 private:
  store::Store& store_;
  const domain::Clock& clock_;
};

}  // namespace tracker::tracking
