// The SMS gateway, SMTP and webhook channels over libcurl. One easy handle
// per call: no state is shared between threads but curl's global init.
#include "tracker/notify/senders.hpp"

#include <curl/curl.h>

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "mime.hpp"
#include "tracker/notify/signature.hpp"

namespace tracker::notify {
namespace {

using Clock = std::chrono::system_clock;

struct EasyDeleter {
  void operator()(CURL* h) const { curl_easy_cleanup(h); }
};
struct ListDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
using Easy = std::unique_ptr<CURL, EasyDeleter>;
using List = std::unique_ptr<curl_slist, ListDeleter>;

Easy new_handle() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) throw std::runtime_error("curl_global_init failed");
  });
  Easy h(curl_easy_init());
  if (!h) throw std::runtime_error("curl_easy_init failed");
  return h;
}

void append(List& list, const std::string& line) {
  curl_slist* grown = curl_slist_append(list.get(), line.c_str());
  if (!grown) throw std::bad_alloc();
  (void)list.release();
  list.reset(grown);
}

SendResult failure(bool retryable, int status, std::string error) {
  return SendResult{false, retryable, status, std::move(error)};
}

// A curl failure in words fit for staff: curl's generic text for the code
// (never its error buffer, which may quote a URL or an address).
SendResult transport_failure(CURLcode code, std::chrono::milliseconds timeout, int status) {
  if (code == CURLE_OPERATION_TIMEDOUT) {
    return failure(true, status, "timed out after " + std::to_string(timeout.count()) + " ms");
  }
  return failure(true, status, curl_easy_strerror(code));
}

bool has_line_break(std::string_view s) { return s.find_first_of("\r\n") != std::string_view::npos; }

// The body is thrown away, but read: a peer that sends one is not stalled.
std::size_t discard(char*, std::size_t size, std::size_t n, void*) { return size * n; }

void set_common(CURL* h, const std::string& url, std::chrono::milliseconds timeout) {
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout.count()));
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(timeout.count()));
}

SendResult post_json(const std::string& url, const std::string& secret,
                     const std::vector<std::string>& extra_headers, const std::string& body,
                     std::chrono::milliseconds timeout) {
  Easy easy = new_handle();
  CURL* h = easy.get();
  List headers;
  append(headers, "Content-Type: application/json");
  append(headers, "X-Tracker-Signature: " +
                      signature_header(secret, std::chrono::duration_cast<std::chrono::seconds>(
                                                   Clock::now().time_since_epoch())
                                                   .count(),
                                       body));
  for (const auto& line : extra_headers) append(headers, line);
  append(headers, "Expect:");  // no 100-continue round trip
  set_common(h, url, timeout);
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &discard);
  CURLcode code = curl_easy_perform(h);
  long status = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
  if (code == CURLE_URL_MALFORMAT || code == CURLE_UNSUPPORTED_PROTOCOL) {
    return failure(false, 0, curl_easy_strerror(code));
  }
  if (code != CURLE_OK) return transport_failure(code, timeout, static_cast<int>(status));
  int s = static_cast<int>(status);
  if (s >= 200 && s < 300) return SendResult{true, false, s, {}};
  bool permanent = s >= 400 && s < 500 && s != 408 && s != 429;
  return failure(!permanent, s, "HTTP status " + std::to_string(s));
}

struct Upload {
  std::string_view rest;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t n, void* user) {
  auto* up = static_cast<Upload*>(user);
  std::size_t len = std::min(size * n, up->rest.size());
  up->rest.copy(buffer, len);
  up->rest.remove_prefix(len);
  return len;
}

}  // namespace

SendResult send_sms(const SmsGateway& gateway, const std::string& to_e164,
                    const std::string& text, const std::string& reference) {
  if (gateway.url.empty()) return failure(false, 0, "SMS gateway not configured");
  boost::json::value body = {{"to", to_e164}, {"text", text}, {"reference", reference}};
  return post_json(gateway.url, gateway.secret, {}, boost::json::serialize(body), gateway.timeout);
}

SendResult send_webhook(const std::string& url, const std::string& secret,
                        const std::string& event_type, const std::string& delivery_id,
                        const std::string& json_body, std::chrono::milliseconds timeout) {
  if (has_line_break(event_type) || has_line_break(delivery_id)) {
    return failure(false, 0, "event type or delivery id holds a line break");
  }
  return post_json(url, secret,
                   {"X-Tracker-Event: " + event_type, "X-Tracker-Delivery: " + delivery_id},
                   json_body, timeout);
}

SendResult send_email(const SmtpServer& server, const std::string& to, const RenderedMessage& m,
                      const std::string& message_id) {
  auto from = mime::parse_mailbox(server.from);
  if (server.url.empty() || !from) return failure(false, 0, "e-mail sender not configured");
  if (!mime::is_plain_address(to)) return failure(false, 0, "unusable recipient address");
  if (!mime::is_message_id_part(message_id)) return failure(false, 0, "unusable message id");

  std::string message = mime::build_message({*from, to, message_id, Clock::now()}, m);
  Upload upload{message};
  std::string mail_from = "<" + from->address + ">";
  List recipients;
  append(recipients, "<" + to + ">");

  Easy easy = new_handle();
  CURL* h = easy.get();
  set_common(h, server.url, server.timeout);
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  if (server.starttls) curl_easy_setopt(h, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  if (!server.username.empty()) {
    curl_easy_setopt(h, CURLOPT_USERNAME, server.username.c_str());
    curl_easy_setopt(h, CURLOPT_PASSWORD, server.password.c_str());
  }
  curl_easy_setopt(h, CURLOPT_MAIL_FROM, mail_from.c_str());
  curl_easy_setopt(h, CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
  curl_easy_setopt(h, CURLOPT_READFUNCTION, &read_upload);
  curl_easy_setopt(h, CURLOPT_READDATA, &upload);
  CURLcode code = curl_easy_perform(h);
  long reply = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &reply);
  int r = static_cast<int>(reply);
  if (code == CURLE_OK) return SendResult{true, false, r, {}};
  if (code == CURLE_URL_MALFORMAT || code == CURLE_UNSUPPORTED_PROTOCOL) {
    return failure(false, r, curl_easy_strerror(code));
  }
  // A 5xx reply to MAIL, RCPT or DATA is final; to the login it is a setting
  // an operator can fix, so the message waits for it.
  if (r >= 500 && r < 600 && code != CURLE_LOGIN_DENIED) {
    return failure(false, r, std::string("SMTP reply ") + std::to_string(r) + ": " +
                                 curl_easy_strerror(code));
  }
  if (r >= 400) {
    return failure(true, r, std::string("SMTP reply ") + std::to_string(r) + ": " +
                                curl_easy_strerror(code));
  }
  return transport_failure(code, server.timeout, r);
}

}  // namespace tracker::notify
