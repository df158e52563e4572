#pragma once
// A small synchronous HTTP/1.1 client for the end-to-end tests, talking to a
// server on 127.0.0.1. Beast stays inside http_client.cpp: test files see
// only these types.
//
// Not thread-safe: one HttpConnection per thread. Every call blocks until the
// whole response has arrived, the peer closed, or the timeout passed (then it
// throws HttpError).
#include <boost/json/value.hpp>
#include <chrono>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tracker::test {

using Headers = std::vector<std::pair<std::string, std::string>>;

// The transport failed: could not connect, the peer reset or closed the
// connection before a whole response, or the timeout passed.
class HttpError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Response {
  int status = 0;
  // Lower-case names. A header sent several times (Set-Cookie) has its
  // values joined with "\n".
  std::map<std::string, std::string> headers;
  std::string body;

  // The body parsed as JSON; throws std::runtime_error naming the status and
  // the start of the body when it is not JSON.
  boost::json::value json() const;
  // The header's value, or "" when absent. `name` in any case.
  std::string header(std::string_view name) const;
  bool has_header(std::string_view name) const;
};

// One keep-alive connection. Connects lazily, again after the server closed
// it (Connection: close) and before a request after 10 s of silence (the
// server closes a connection idle for 20 s); never retries a request by
// itself.
class HttpConnection {
 public:
  explicit HttpConnection(unsigned short port,
                          std::chrono::milliseconds timeout = std::chrono::seconds(60));
  ~HttpConnection();
  HttpConnection(const HttpConnection&) = delete;
  HttpConnection& operator=(const HttpConnection&) = delete;

  // Sends one request. `target` is the path with its query, already
  // percent-encoded. A non-empty body without a Content-Type header in
  // `headers` goes as application/json. Host and Content-Length are set here.
  Response request(std::string_view method, std::string_view target, std::string_view body = {},
                   const Headers& headers = {});

  bool is_open() const;
  void close();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// One request on a fresh connection, closed afterwards.
Response http_request(unsigned short port, std::string_view method, std::string_view target,
                      std::string_view body = {}, const Headers& headers = {});

// What a raw exchange saw.
struct RawExchange {
  std::string received;                  // every byte the server sent
  bool closed_by_server = false;         // EOF or reset seen before the timeout
  bool send_failed = false;              // the server closed/reset while we were still sending
  std::chrono::milliseconds elapsed{0};  // from connect to close or timeout
};

// Connects, sends `bytes` as they are (no framing added), then reads until
// the server closes the connection or `timeout` passes. For malformed
// requests, header floods and clients that stop half-way.
RawExchange raw_exchange(unsigned short port, std::string_view bytes,
                         std::chrono::milliseconds timeout);

// Percent-encodes everything but RFC 3986 unreserved characters; for path
// segments and query values.
std::string url_encode(std::string_view text);

}  // namespace tracker::test
