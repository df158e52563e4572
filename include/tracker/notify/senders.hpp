#pragma once
// The channels: one blocking call sends one message through libcurl and says
// whether it arrived and, when not, whether trying again may help. Nothing
// here retries or queues; the outbox dispatcher does.
//
// Thread-safe: every call uses its own connection; call from worker threads,
// never from an I/O thread (a call blocks up to its timeout).
//
// SendResult::error is short and safe to store and show to staff: it never
// contains the recipient, the message text, the URL or a secret.
#include <chrono>
#include <string>

#include "tracker/notify/templates.hpp"

namespace tracker::notify {

struct SendResult {
  bool delivered = false;  // the receiver accepted it (HTTP 2xx, SMTP 250)
  bool retryable = true;   // meaningful when !delivered
  int http_status = 0;     // HTTP status, or the last SMTP reply code; 0 when none came
  std::string error;       // "" when delivered
};

struct SmsGateway {
  std::string url;     // http:// or https://
  std::string secret;  // HMAC key for X-Tracker-Signature
  std::chrono::milliseconds timeout{10000};
};

// POST {"to", "text", "reference"} as application/json, signed with
// X-Tracker-Signature. 2xx is delivered; 4xx other than 408 and 429 is not
// retryable (the gateway will not take it later either); anything else,
// timeouts and connection failures included, is retryable. `reference` is
// the message's stable delivery id, for the gateway to de-duplicate.
SendResult send_sms(const SmsGateway& gateway, const std::string& to_e164,
                    const std::string& text, const std::string& reference);

struct SmtpServer {
  std::string url;       // smtp://host:port, or smtps://host:port for implicit TLS
  bool starttls = false; // require STARTTLS on smtp://
  std::string username, password;  // login when username is not empty
  std::string from;      // "Bưu điện Bắc Kạn <noreply@example.vn>" or "noreply@example.vn"
  std::chrono::milliseconds timeout{20000};
};

// One MIME message (multipart/alternative: text/plain and text/html, UTF-8,
// base64; RFC 2047 subject and sender name; Date in +0700; Message-ID
// <message_id@domain of from>). An SMTP 5xx reply or an unusable address is
// not retryable; connection failures, timeouts and 4xx replies are.
SendResult send_email(const SmtpServer& server, const std::string& to, const RenderedMessage& m,
                      const std::string& message_id);

// POST `json_body` as application/json with X-Tracker-Event: `event_type`,
// X-Tracker-Delivery: `delivery_id` (stable across retries) and
// X-Tracker-Signature. Statuses are judged as for send_sms.
SendResult send_webhook(const std::string& url, const std::string& secret,
                        const std::string& event_type, const std::string& delivery_id,
                        const std::string& json_body, std::chrono::milliseconds timeout);

}  // namespace tracker::notify
