#pragma once
// Request ids and the access log.
//
// Every answer carries X-Request-Id: the client's own when it sent a sane
// one (1-64 of A-Z a-z 0-9 . _ : -, e.g. from a proxy), else a new one. One
// line per answer goes to stderr (the journal under systemd):
//   2026-12-03T14:31:23.123Z request id=4f1c2a-0000002a method=GET
//     route=/api/v1/track/{tracking_number} status=200 duration_ms=0.412 bytes=1804
// The route is the route's pattern, never the path as sent (it would hold
// tracking numbers and dossier codes), and no line holds a query string, a
// header, a body or a client address: nothing personal.
//
// Recording is cheap on an I/O thread: the entry is queued under a mutex and
// a background thread formats and writes the lines every 100 ms (one write
// for many lines). Lines of the last 100 ms are lost if the process is
// killed; the destructor writes what is queued.
#include <chrono>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace tracker::http {

struct RequestLine {
  std::chrono::system_clock::time_point at;
  std::string id;
  std::string method;
  std::string_view route;  // a route pattern or a fixed word: outlives the log
  int status = 0;
  std::chrono::steady_clock::duration duration{};
  std::size_t bytes = 0;
};

// The method as a label or log word: one of the methods we know, else
// "OTHER" (a client must not choose what goes into metrics or logs).
std::string_view known_method(std::string_view method);

class RequestLog {
 public:
  // fd: where lines go (stderr by default).
  explicit RequestLog(int fd = 2);
  ~RequestLog();
  RequestLog(const RequestLog&) = delete;
  RequestLog& operator=(const RequestLog&) = delete;

  // The id for a request that sent `offered` (empty: none).
  std::string id_for(std::string_view offered);
  void record(RequestLine line);

  static bool acceptable_id(std::string_view id);

 private:
  void run();
  void write(const std::vector<RequestLine>& lines);

  int fd_;
  std::string prefix_;  // random per process: ids of two instances differ
  std::atomic<std::uint64_t> next_{1};
  std::mutex mu_;
  std::condition_variable wake_;
  std::vector<RequestLine> queued_;
  bool stopping_ = false;
  std::thread writer_;
};

}  // namespace tracker::http
