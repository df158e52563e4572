#include "tracker/notify/dispatcher.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <cstdio>
#include <random>

#include "tracker/domain/deadline.hpp"
#include "tracker/domain/event.hpp"

namespace tracker::notify {
namespace json = boost::json;
using namespace tracker::domain;

namespace {

constexpr int kBatch = 64;
constexpr auto kMaxBackoff = std::chrono::hours(1);

double jitter() {
  thread_local std::mt19937 rng{std::random_device{}()};
  return std::uniform_real_distribution<double>(0, 1)(rng);
}

}  // namespace

Dispatcher::Dispatcher(store::Store& store, const Templates& templates, DispatchOptions options,
                       const Clock& clock)
    : store_(store), templates_(templates), options_(std::move(options)), clock_(clock) {}

Dispatcher::~Dispatcher() { stop(); }

void Dispatcher::start() {
  poller_ = std::thread([this] { poll_loop(); });
  for (int i = 0; i < std::max(1, options_.senders); ++i) senders_.emplace_back([this] { sender_loop(); });
}

void Dispatcher::stop() {
  std::deque<store::OutboxMessage> unsent;
  {
    std::lock_guard lock(mu_);
    if (stopping_ && !poller_.joinable()) return;
    stopping_ = true;
    unsent.swap(queue_);  // not sent: still due in the database for the next start
  }
  cv_.notify_all();
  if (poller_.joinable()) poller_.join();
  for (auto& t : senders_) {
    if (t.joinable()) t.join();
  }
  senders_.clear();
  // Their claims are given back, so the next start (or another instance)
  // sends them without waiting for the lease to end.
  if (!unsent.empty()) {
    try {
      store_.write_blocking<Ok>([&](store::Tx& tx) -> Result<Ok> {
        for (const auto& m : unsent) {
          if (m.claimed_until) tx.release_outbox_claim(m.id, *m.claimed_until);
        }
        return Ok{};
      });
    } catch (const std::exception& e) {
      std::fprintf(stderr, "notify: giving back claims failed: %s\n", e.what());
    }
  }
}

std::chrono::milliseconds Dispatcher::backoff(std::chrono::seconds first, int attempts, double jitter01) {
  double factor = std::pow(2.0, std::max(0, attempts - 1)) * (0.8 + 0.4 * jitter01);
  auto delay = std::chrono::milliseconds(static_cast<std::int64_t>(
      std::min<double>(std::chrono::duration_cast<std::chrono::milliseconds>(first).count() * factor,
                       std::chrono::duration_cast<std::chrono::milliseconds>(kMaxBackoff).count())));
  return delay;
}

void Dispatcher::poll_loop() {
  std::unique_lock lock(mu_);
  while (!stopping_) {
    lock.unlock();
    std::vector<store::OutboxMessage> due;
    try {
      // A read first (cheap, no commit when nothing is due), then the claim
      // in a write: another instance's dispatcher skips what this one holds.
      auto now = clock_.now();
      bool any = !store_.read([&](store::Tx& tx) { return tx.due_outbox(now, 1); }).empty();
      if (any) {
        auto until = now + options_.claim_lease;
        auto claimed = store_.write_blocking<std::vector<store::OutboxMessage>>(
            [&](store::Tx& tx) -> Result<std::vector<store::OutboxMessage>> {
              return tx.claim_due_outbox(now, until, kBatch);
            });
        if (claimed) due = std::move(*claimed);
        else std::fprintf(stderr, "notify: claiming due messages failed: %s\n", claimed.error().code.c_str());
      }
    } catch (const std::exception& e) {
      std::fprintf(stderr, "notify: reading the outbox failed: %s\n", e.what());
    }
    lock.lock();
    for (auto& m : due) {
      if (in_flight_.insert(m.id).second) queue_.push_back(std::move(m));
    }
    // Idle: nothing was due and nothing is queued or being sent.
    if (options_.polls && due.empty() && queue_.empty() && in_flight_.empty()) ++*options_.polls;
    cv_.notify_all();
    cv_.wait_for(lock, options_.poll, [&] { return stopping_; });
  }
}

void Dispatcher::sender_loop() {
  std::unique_lock lock(mu_);
  for (;;) {
    cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    if (stopping_) return;
    auto m = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    try {
      deliver(m);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "notify: message %lld: %s\n", static_cast<long long>(raw(m.id)), e.what());
    }
    lock.lock();
    in_flight_.erase(m.id);
  }
}

namespace {

// What a message reports, whether a scan or an agency's status caused it.
struct Cause {
  std::string event_id;
  Trigger trigger = EventType::accepted;
  Timestamp occurred_at{};
  Timestamp recorded_at{};
  std::optional<FailureReason> reason;
  std::string office_code, office_name;  // where it happened: the scanning office, or the agency
};

}  // namespace

SendResult Dispatcher::send(const store::OutboxMessage& m) {
  struct Facts {
    std::optional<store::Shipment> shipment;
    std::optional<Cause> cause;
    std::string agency_code, agency_name;
    std::optional<store::Webhook> webhook;
  };
  auto f = store_.read([&](store::Tx& tx) {
    Facts f;
    f.shipment = tx.find_shipment(m.shipment_id);
    if (f.shipment) {
      if (auto a = tx.find_office(f.shipment->agency_id)) f.agency_code = a->code, f.agency_name = a->name;
    }
    if (m.event_seq) {
      if (auto e = tx.find_event_by_seq(*m.event_seq)) {
        Cause c{e->event_id, e->type, e->occurred_at, e->recorded_at, e->reason, {}, {}};
        if (auto o = tx.find_office(e->office_id)) c.office_code = o->code, c.office_name = o->name;
        f.cause = std::move(c);
      }
    } else if (m.status_seq) {
      if (auto d = tx.find_dossier_status_by_seq(*m.status_seq)) {
        f.cause = Cause{d->event_id, d->status, d->occurred_at, d->recorded_at, std::nullopt,
                        f.agency_code, f.agency_name};
      }
    }
    if (m.webhook_id) f.webhook = tx.find_webhook(*m.webhook_id);
    return f;
  });
  if (!f.shipment || !f.cause) return SendResult{false, false, 0, "shipment or event missing"};
  const auto& s = *f.shipment;
  const auto& e = *f.cause;

  if (m.channel == Channel::webhook) {
    if (!f.webhook) return SendResult{false, false, 0, "webhook deleted"};
    // The agency's own feed: the case and the event, no citizen's data (nor
    // the agency's note on a status, which stays with staff).
    json::object body{
        {"delivery_id", m.delivery_id},
        {"event", json::object{{"event_id", e.event_id},
                               {"type", to_string(e.trigger)},
                               {"occurred_at", format_rfc3339(e.occurred_at)},
                               {"recorded_at", format_rfc3339(e.recorded_at)},
                               {"office", json::object{{"code", e.office_code}, {"name", e.office_name}}},
                               {"reason", e.reason ? json::value(to_string(*e.reason)) : nullptr}}},
        {"shipment", json::object{{"tracking_number", s.tracking_number},
                                  {"kind", to_string(s.kind)},
                                  {"status", to_string(s.status)},
                                  {"dossier_code", s.dossier_code ? json::value(*s.dossier_code) : nullptr},
                                  {"agency", json::object{{"code", f.agency_code}, {"name", f.agency_name}}}}}};
    return send_webhook(f.webhook->url, f.webhook->secret, std::string(to_string(e.trigger)), m.delivery_id,
                        json::serialize(body),
                        options_.webhook_timeout);
  }

  MessageContext ctx;
  ctx.trigger = e.trigger;
  ctx.kind = s.kind;
  ctx.tracking_number = s.tracking_number;
  ctx.track_url = options_.public_url + "/track/" + s.tracking_number;
  ctx.office_name = e.office_name;
  ctx.agency_name = f.agency_name;
  ctx.reason = e.reason;
  ctx.occurred_at = format_vn_datetime(e.occurred_at);
  ctx.hold_until = format_vn_date(hold_until(e.occurred_at));
  if (m.channel == Channel::sms) {
    if (options_.sms.url.empty()) return SendResult{false, true, 0, "SMS is not configured"};
    auto text = templates_.render(ctx, Language::vi, options_.sms_ascii_only).sms_text;
    return send_sms(options_.sms, m.recipient, text, m.delivery_id);
  }
  if (m.channel == Channel::email) {
    if (options_.smtp.url.empty()) return SendResult{false, true, 0, "e-mail is not configured"};
    return send_email(options_.smtp, m.recipient, templates_.render(ctx, Language::vi, false), m.delivery_id);
  }
  return SendResult{false, false, 0, "unknown channel"};
}

void Dispatcher::deliver(const store::OutboxMessage& queued) {
  // The row as it is now: a sender may have recorded it between the
  // poller's read and its queueing (then it is no longer due: never twice).
  // A claim whose lease ran out while the message waited in the queue is
  // not sent either: another dispatcher may take it now (this poller
  // claims it again otherwise).
  auto current = store_.read([&](store::Tx& tx) { return tx.find_outbox(queued.id); });
  const auto now = clock_.now();
  if (!current || !is_sendable(current->state) || current->next_attempt_at > now ||
      current->claimed_until != queued.claimed_until ||  // sent meanwhile, or claimed by another dispatcher
      (current->claimed_until && *current->claimed_until <= now)) {
    return;
  }
  const store::OutboxMessage& m = *current;
  SendResult r = send(m);
  auto at = clock_.now();
  int attempts = m.attempts + 1;
  MessageState state;
  Timestamp next = at;
  std::optional<Timestamp> sent_at;
  std::optional<std::string> error;
  if (r.delivered) {
    state = MessageState::sent;
    sent_at = at;
  } else {
    error = r.error;
    bool expired = at - m.created_at >= options_.give_up_after;
    state = (!r.retryable || expired) ? MessageState::dead : MessageState::failed;
    next = at + backoff(options_.first_retry, attempts, jitter());
  }
  std::function<Result<Ok>(store::Tx&)> job = [&](store::Tx& tx) -> Result<Ok> {
    tx.record_attempt(m.id, state, attempts, next, error, sent_at);
    return Ok{};
  };
  auto written = store_.write_blocking<Ok>(std::move(job));
  if (!written) {
    // Not recorded: the row stays due and is tried again (at least once).
    std::fprintf(stderr, "notify: recording message %lld failed: %s\n", static_cast<long long>(raw(m.id)),
                 written.error().code.c_str());
  }
}

}  // namespace tracker::notify
