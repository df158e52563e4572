#pragma once
// The peers the notification tests deliver to, all on 127.0.0.1:
//  - HttpPeer: a scripted HTTP/1.1 server (an SMS gateway, an agency's
//    webhook receiver) that records every request and answers with the next
//    status of its script;
//  - SmtpSink: Debian's aiosmtpd run as a child process, storing what it
//    receives in a maildir, and read_mail() to parse one stored message with
//    Python's email module;
//  - the X-Tracker-Signature check, computed here with OpenSSL (not with the
//    server's own code).
#include <sys/types.h>

#include <boost/json/value.hpp>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "test_server.hpp"

namespace tracker::test {

// One request an HttpPeer received, and what it answered.
struct PeerRequest {
  std::string method;
  std::string target;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  int answered = 0;  // the status sent back
  std::chrono::system_clock::time_point received_at;

  // The header's value, or "" when absent. `name` in any case.
  std::string header(std::string_view name) const;
  bool accepted() const { return answered >= 200 && answered < 300; }
};

// A scripted HTTP/1.1 peer: one thread, one connection at a time, each
// request read whole (Content-Length), recorded, then answered with the next
// status of the script (the last one repeats) and "Connection: close".
// A request is recorded before its answer is written, so whatever the client
// learnt from the answer the test can already see.
//
// Thread-safe: everything may be called from any thread while it runs.
class HttpPeer {
 public:
  // Binds 127.0.0.1 on a free port. With `listening` false the port is
  // reserved but connections to it are refused (the peer is "down") until
  // start().
  explicit HttpPeer(std::vector<int> script = {200}, bool listening = true);
  // A script entry that answers nothing: the request is recorded and the
  // connection held open until the peer is destroyed (a peer that hangs).
  static constexpr int kHang = 0;
  static std::vector<int> hanging() { return {kHang}; }
  ~HttpPeer();  // stops the thread and closes every socket
  HttpPeer(const HttpPeer&) = delete;
  HttpPeer& operator=(const HttpPeer&) = delete;

  void start();  // starts listening; once only
  unsigned short port() const { return port_; }
  std::string url(std::string_view path) const;

  // The answers from now on, in turn, the last one repeating.
  void set_script(std::vector<int> script);

  std::vector<PeerRequest> requests() const;
  std::size_t request_count() const;
  // Waits until `done(requests())` holds or `timeout` passes; whether it held.
  bool wait_for(const std::function<bool(const std::vector<PeerRequest>&)>& done,
                std::chrono::milliseconds timeout) const;

 private:
  void run();
  bool serve(int fd);
  int next_status();

  int listen_fd_ = -1;
  int wake_[2] = {-1, -1};
  unsigned short port_ = 0;
  bool started_ = false;
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::vector<int> script_;
  std::size_t next_ = 0;
  std::vector<PeerRequest> requests_;
  std::vector<int> held_;  // connections of a hanging peer; the peer thread's only
  std::thread thread_;
};

// A port on 127.0.0.1 that was free a moment ago (for a peer that is down).
unsigned short free_port();

// aiosmtpd (`/usr/bin/python3 -m aiosmtpd -n -l 127.0.0.1:PORT -c
// aiosmtpd.handlers.Mailbox MAILDIR`) on a free port with a maildir that
// does not exist before it starts. The constructor returns once it accepts
// connections (throws with its output when it does not within 30 s); the
// destructor stops it (SIGTERM, then SIGKILL) and removes its files.
class SmtpSink {
 public:
  SmtpSink();
  ~SmtpSink();
  SmtpSink(const SmtpSink&) = delete;
  SmtpSink& operator=(const SmtpSink&) = delete;

  unsigned short port() const { return port_; }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }
  const std::string& maildir() const { return maildir_; }
  // The files of the messages delivered so far (new/ and cur/), sorted.
  std::vector<std::string> messages() const;
  // Waits until at least `n` messages are there or `timeout` passes.
  std::vector<std::string> wait_for_messages(std::size_t n,
                                             std::chrono::milliseconds timeout) const;
  // What aiosmtpd wrote on stdout and stderr.
  std::string log() const;

 private:
  TempDir dir_;
  std::string maildir_;
  unsigned short port_ = 0;
  pid_t pid_ = -1;
};

// One stored mail as Python's email module reads it (/usr/bin/python3):
//   raw_subject, subject (RFC 2047 decoded), from (decoded), to, date,
//   date_skew_seconds (|Date − now|), date_utc_offset ("+07:00"),
//   message_id, x_rcpt_to, x_mail_from (added by aiosmtpd), content_type,
//   headers_ascii (every header line is 7-bit),
//   parts: [{type, charset, transfer_encoding, text}] (the leaves, decoded).
// Throws with Python's output when the script fails.
boost::json::value read_mail(const std::string& file);

// Lower-case hex of HMAC-SHA256(key, data).
std::string hmac_sha256_hex(std::string_view key, std::string_view data);

// An X-Tracker-Signature header checked against API.md:
// "t=<unix seconds>,v1=<lower-case hex HMAC-SHA256(secret, "<t>.<body>")>".
struct SignatureCheck {
  bool valid = false;    // a v1 entry matches
  std::int64_t t = 0;    // the t entry (0 when absent)
  std::string problem;   // why not valid
};
SignatureCheck check_signature(std::string_view header, std::string_view secret,
                               std::string_view body);

// True when `text` is a UUID (8-4-4-4-12 hex digits).
bool is_uuid(std::string_view text);

}  // namespace tracker::test
