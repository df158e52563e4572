#pragma once
// Drains the outbox: picks the messages whose attempt is due, sends them on
// a few sender threads (SMS gateway, SMTP, webhooks), and records each
// attempt through the store's writer. At least once: a message is marked
// sent only after its receiver answered 2xx/250, so a crash in between sends
// it again with the same delivery id, which receivers use to de-duplicate.
// Failures retry with exponential backoff and jitter, and become dead after
// give_up_after; dead messages wait for an admin's retry. Rows left pending
// by a previous run are picked up at start. Never on the I/O threads: scans
// only write rows, they never wait for a send.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "tracker/domain/clock.hpp"
#include "tracker/notify/senders.hpp"
#include "tracker/notify/templates.hpp"
#include "tracker/store/store.hpp"

namespace tracker::notify {

struct DispatchOptions {
  SmsGateway sms;  // url empty: SMS disabled
  bool sms_ascii_only = false;
  SmtpServer smtp;  // url empty: e-mail disabled
  std::string public_url;
  std::chrono::seconds first_retry{5};
  std::chrono::hours give_up_after{24};
  std::chrono::milliseconds webhook_timeout{10000};
  int senders = 4;                          // messages in flight at once
  std::chrono::milliseconds poll{250};      // how often due rows are looked for
  // How long a claimed message is this dispatcher's alone: longer than any
  // attempt takes (a claim outlived by its sender is taken again).
  std::chrono::milliseconds claim_lease{std::chrono::minutes(5)};
  // Counts the poller's idle looks at the outbox: nothing due, nothing
  // queued or being sent (for /metrics: two more of them mean everything
  // due by then has been tried, so a test waits for that, not a sleep).
  std::atomic<std::uint64_t>* polls = nullptr;
};

class Dispatcher {
 public:
  // What is due, the backoff and the give-up time are judged by `clock`.
  Dispatcher(store::Store& store, const Templates& templates, DispatchOptions options,
             const domain::Clock& clock = domain::system_clock());
  ~Dispatcher();
  Dispatcher(const Dispatcher&) = delete;
  Dispatcher& operator=(const Dispatcher&) = delete;

  void start();
  // Stops looking for work and waits for the sends in flight (bounded by
  // their timeouts).
  void stop();

  // first * 2^(attempts-1), scaled by a jitter factor in [0.8, 1.2), at most 1 h.
  static std::chrono::milliseconds backoff(std::chrono::seconds first, int attempts, double jitter01);

 private:
  void poll_loop();
  void sender_loop();
  void deliver(const store::OutboxMessage& m);
  SendResult send(const store::OutboxMessage& m);

  store::Store& store_;
  const Templates& templates_;
  DispatchOptions options_;
  const domain::Clock& clock_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<store::OutboxMessage> queue_;
  std::set<domain::MessageId> in_flight_;  // queued or sending
  bool stopping_ = false;
  std::thread poller_;
  std::vector<std::thread> senders_;
};

}  // namespace tracker::notify
