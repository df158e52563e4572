#pragma once
// A scripted HTTP/1.1 peer for the channel tests: one thread on 127.0.0.1
// port 0, one connection at a time, each request recorded and answered with
// the next status of the script (the last one repeats) and "Connection:
// close". A hanging peer reads the request and never answers, keeping the
// connection open until the peer is destroyed.
//
// Thread-safe: requests() may be called from any thread while the peer runs.
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace tracker::test {

struct RecordedRequest {
  std::string method;
  std::string target;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;

  std::string header(const std::string& lower_case_name) const;
};

class HttpPeer {
 public:
  // Answers with `statuses` in turn; an empty script means hang.
  explicit HttpPeer(std::vector<int> statuses);
  ~HttpPeer();  // stops the thread and closes every socket
  HttpPeer(const HttpPeer&) = delete;
  HttpPeer& operator=(const HttpPeer&) = delete;

  static std::vector<int> hanging() { return {}; }

  unsigned short port() const { return port_; }
  std::string url(std::string_view path) const;
  std::vector<RecordedRequest> requests() const;

 private:
  void run();
  bool read_request(int fd, RecordedRequest& out);
  bool wait_readable(int fd);  // false when asked to stop

  std::vector<int> statuses_;
  int listen_fd_ = -1;
  int wake_[2] = {-1, -1};
  unsigned short port_ = 0;
  std::vector<int> held_;  // connections of a hanging peer; the peer thread's only
  mutable std::mutex mutex_;
  std::vector<RecordedRequest> requests_;
  std::thread thread_;
};

}  // namespace tracker::test
