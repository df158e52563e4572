#include "http_peer.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <system_error>

namespace tracker::test {
namespace {

[[noreturn]] void fail(const char* what) { throw std::system_error(errno, std::generic_category(), what); }

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

void write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n <= 0) return;  // the client went away; nothing to tell it
    data.remove_prefix(static_cast<std::size_t>(n));
  }
}

}  // namespace

std::string RecordedRequest::header(const std::string& lower_case_name) const {
  auto it = headers.find(lower_case_name);
  return it == headers.end() ? std::string() : it->second;
}

HttpPeer::HttpPeer(std::vector<int> statuses) : statuses_(std::move(statuses)) {
  if (::pipe(wake_) != 0) fail("pipe");
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listen_fd_ < 0) fail("socket");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) fail("bind");
  if (::listen(listen_fd_, 16) != 0) fail("listen");
  socklen_t len = sizeof addr;
  if (::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) fail("getsockname");
  port_ = ntohs(addr.sin_port);
  thread_ = std::thread([this] { run(); });
}

HttpPeer::~HttpPeer() {
  char stop = 'x';
  (void)!::write(wake_[1], &stop, 1);
  thread_.join();
  for (int fd : held_) ::close(fd);
  ::close(listen_fd_);
  ::close(wake_[0]);
  ::close(wake_[1]);
}

std::string HttpPeer::url(std::string_view path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + std::string(path);
}

std::vector<RecordedRequest> HttpPeer::requests() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

bool HttpPeer::wait_readable(int fd) {
  pollfd fds[2] = {{fd, POLLIN, 0}, {wake_[0], POLLIN, 0}};
  while (::poll(fds, 2, -1) < 0) {
    if (errno != EINTR) fail("poll");
  }
  return !(fds[1].revents & POLLIN);
}

bool HttpPeer::read_request(int fd, RecordedRequest& out) {
  std::string data;
  std::size_t head_end = std::string::npos, content_length = 0;
  char buf[4096];
  while (head_end == std::string::npos || data.size() < head_end + 4 + content_length) {
    if (!wait_readable(fd)) return false;
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) return false;
    data.append(buf, static_cast<std::size_t>(n));
    if (head_end == std::string::npos && (head_end = data.find("\r\n\r\n")) != std::string::npos) {
      std::string_view head(data.data(), head_end);
      std::size_t eol = head.find("\r\n");
      std::string_view request_line = head.substr(0, eol);
      std::size_t sp1 = request_line.find(' '), sp2 = request_line.rfind(' ');
      out.method = std::string(request_line.substr(0, sp1));
      out.target = std::string(request_line.substr(sp1 + 1, sp2 - sp1 - 1));
      while (eol != std::string_view::npos) {
        std::size_t next = head.find("\r\n", eol + 2);
        std::string_view line = head.substr(eol + 2, next == std::string_view::npos ? head.npos : next - eol - 2);
        std::size_t colon = line.find(':');
        if (colon != std::string_view::npos) {
          out.headers[lower(std::string(line.substr(0, colon)))] = std::string(trim(line.substr(colon + 1)));
        }
        eol = next;
      }
      if (auto cl = out.headers.find("content-length"); cl != out.headers.end()) {
        content_length = std::stoul(cl->second);
      }
    }
  }
  out.body = data.substr(head_end + 4, content_length);
  return true;
}

void HttpPeer::run() {
  std::size_t answered = 0;
  while (wait_readable(listen_fd_)) {
    int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    RecordedRequest request;
    bool complete = read_request(fd, request);
    if (complete) {
      std::lock_guard lock(mutex_);
      requests_.push_back(request);
    }
    if (complete && !statuses_.empty()) {
      int status = statuses_[std::min(answered++, statuses_.size() - 1)];
      std::string body = "{\"status\":" + std::to_string(status) + "}";
      write_all(fd, "HTTP/1.1 " + std::to_string(status) + " Scripted\r\nContent-Type: application/json\r\n"
                    "Content-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
      ::close(fd);
    } else if (complete) {
      held_.push_back(fd);  // hang: never answer, never close while running
    } else {
      ::close(fd);
    }
  }
}

}  // namespace tracker::test
