#include "peers.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <boost/json/parse.hpp>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <system_error>

namespace tracker::test {
namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

[[noreturn]] void fail(const std::string& what) {
  throw std::system_error(errno, std::generic_category(), what);
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

void write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // the client went away; nothing to tell it
    data.remove_prefix(static_cast<std::size_t>(n));
  }
}

const char* reason_phrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 404: return "Not Found";
    case 408: return "Request Timeout";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    default: return "Status";
  }
}

sockaddr_in loopback(unsigned short port) {
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(port);
  return addr;
}


bool accepts_connections(unsigned short port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  auto addr = loopback(port);
  bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  ::close(fd);
  return ok;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace

unsigned short free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) fail("socket");
  auto addr = loopback(0);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    fail("bind");
  }
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

// --- HttpPeer -------------------------------------------------------------

std::string PeerRequest::header(std::string_view name) const {
  auto it = headers.find(lower(name));
  return it == headers.end() ? std::string() : it->second;
}

HttpPeer::HttpPeer(std::vector<int> script, bool listening) : script_(std::move(script)) {
  if (script_.empty()) script_ = {200};
  if (::pipe2(wake_, O_CLOEXEC) != 0) fail("pipe2");
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listen_fd_ < 0) fail("socket");
  int one = 1;
  ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  auto addr = loopback(0);
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) fail("bind");
  socklen_t len = sizeof addr;
  if (::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    fail("getsockname");
  }
  port_ = ntohs(addr.sin_port);
  // A bound socket that does not listen refuses connections: the port stays
  // ours while the peer is "down".
  if (listening) start();
}

HttpPeer::~HttpPeer() {
  if (thread_.joinable()) {
    char stop = 'x';
    (void)!::write(wake_[1], &stop, 1);
    thread_.join();
  }
  for (int fd : held_) ::close(fd);
  ::close(listen_fd_);
  ::close(wake_[0]);
  ::close(wake_[1]);
}

void HttpPeer::start() {
  std::lock_guard lock(mutex_);
  if (started_) return;
  if (::listen(listen_fd_, 64) != 0) fail("listen");
  started_ = true;
  thread_ = std::thread([this] { run(); });
}

std::string HttpPeer::url(std::string_view path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + std::string(path);
}

void HttpPeer::set_script(std::vector<int> script) {
  std::lock_guard lock(mutex_);
  script_ = script.empty() ? std::vector<int>{200} : std::move(script);
  next_ = 0;
}

std::vector<PeerRequest> HttpPeer::requests() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

std::size_t HttpPeer::request_count() const {
  std::lock_guard lock(mutex_);
  return requests_.size();
}

bool HttpPeer::wait_for(const std::function<bool(const std::vector<PeerRequest>&)>& done,
                        std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, timeout, [&] { return done(requests_); });
}

int HttpPeer::next_status() {
  // Called with mutex_ held.
  int status = script_[std::min(next_, script_.size() - 1)];
  ++next_;
  return status;
}

void HttpPeer::run() {
  for (;;) {
    pollfd fds[2] = {{listen_fd_, POLLIN, 0}, {wake_[0], POLLIN, 0}};
    int ready = ::poll(fds, 2, -1);
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0 || fds[1].revents != 0) return;
    if (fds[0].revents == 0) continue;
    int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    if (!serve(fd)) ::close(fd);
  }
}

// Reads one request (5 s at most), records it, answers it; true when the
// connection is held open unanswered (a hanging peer).
bool HttpPeer::serve(int fd) {
  const auto deadline = Clock::now() + 5s;
  std::string data;
  std::size_t header_end = std::string::npos;
  std::size_t body_length = 0;
  char buf[8192];
  for (;;) {
    if (header_end != std::string::npos && data.size() >= header_end + 4 + body_length) break;
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) return false;
    pollfd fds[2] = {{fd, POLLIN, 0}, {wake_[0], POLLIN, 0}};
    int ready = ::poll(fds, 2, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0 || fds[1].revents != 0) return false;
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;  // closed before a whole request
    data.append(buf, static_cast<std::size_t>(n));
    if (header_end == std::string::npos) {
      header_end = data.find("\r\n\r\n");
      if (header_end != std::string::npos) {
        std::string head = lower(data.substr(0, header_end));
        if (auto at = head.find("\r\ncontent-length:"); at != std::string::npos) {
          body_length = std::stoul(head.substr(at + 17, head.find("\r\n", at + 2) - at - 17));
        }
      }
    }
  }

  PeerRequest r;
  r.received_at = std::chrono::system_clock::now();
  std::istringstream head(data.substr(0, header_end));
  std::string line;
  std::getline(head, line);
  {
    std::istringstream request_line(line);
    request_line >> r.method >> r.target;
  }
  while (std::getline(head, line)) {
    auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    r.headers[lower(trim(std::string_view(line).substr(0, colon)))] =
        std::string(trim(std::string_view(line).substr(colon + 1)));
  }
  r.body = data.substr(header_end + 4, body_length);

  int status = 0;
  {
    std::lock_guard lock(mutex_);
    status = next_status();
    r.answered = status;
    requests_.push_back(std::move(r));
  }
  changed_.notify_all();
  if (status == kHang) {
    held_.push_back(fd);
    return true;
  }

  std::string body = status >= 200 && status < 300 ? "{\"status\":\"accepted\"}"
                                                   : "{\"status\":\"refused\"}";
  write_all(fd, "HTTP/1.1 " + std::to_string(status) + " " + reason_phrase(status) +
                    "\r\nContent-Type: application/json\r\nContent-Length: " +
                    std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
  ::shutdown(fd, SHUT_WR);
  return false;
}

// --- SmtpSink -------------------------------------------------------------

SmtpSink::SmtpSink() {
  maildir_ = dir_.file("maildir");  // aiosmtpd's Mailbox creates it
  const std::string log_file = dir_.file("aiosmtpd.log");
  std::vector<std::string> argv_store;
  for (int attempt = 0; attempt < 3 && pid_ < 0; ++attempt) {
    port_ = free_port();
    argv_store = {"/usr/bin/python3", "-m", "aiosmtpd", "-n", "-l",
                  "127.0.0.1:" + std::to_string(port_), "-c", "aiosmtpd.handlers.Mailbox",
                  maildir_};
    std::vector<char*> argv;
    for (auto& a : argv_store) argv.push_back(a.data());
    argv.push_back(nullptr);
    int log_fd = ::open(log_file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (log_fd < 0) fail("open aiosmtpd.log");

    pid_t pid = ::fork();
    if (pid < 0) fail("fork");
    if (pid == 0) {
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);  // never outlive a crashed test
      int devnull = ::open("/dev/null", O_RDONLY);
      if (devnull >= 0) ::dup2(devnull, 0);
      ::dup2(log_fd, 1);
      ::dup2(log_fd, 2);
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
    ::close(log_fd);

    // Up when it accepts connections; gone when it exited (the port was
    // taken meanwhile: try another).
    const auto deadline = Clock::now() + 30s;
    bool up = false;
    bool exited = false;
    while (Clock::now() < deadline) {
      int status = 0;
      if (::waitpid(pid, &status, WNOHANG) == pid) {
        exited = true;
        break;
      }
      if (accepts_connections(port_)) {
        up = true;
        break;
      }
      std::this_thread::sleep_for(50ms);
    }
    if (up) {
      pid_ = pid;
    } else if (!exited) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, nullptr, 0);
      throw std::runtime_error("aiosmtpd did not accept connections within 30 s:\n" + log());
    }
  }
  if (pid_ < 0) throw std::runtime_error("aiosmtpd did not start:\n" + log());
}

SmtpSink::~SmtpSink() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  const auto deadline = Clock::now() + 10s;
  while (Clock::now() < deadline) {
    if (::waitpid(pid_, nullptr, WNOHANG) == pid_) return;
    std::this_thread::sleep_for(20ms);
  }
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, nullptr, 0);
}

std::vector<std::string> SmtpSink::messages() const {
  std::vector<std::string> out;
  for (const char* sub : {"new", "cur"}) {
    std::error_code ec;
    for (std::filesystem::directory_iterator it(maildir_ + "/" + sub, ec), end; !ec && it != end;
         it.increment(ec)) {
      if (it->is_regular_file()) out.push_back(it->path().string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> SmtpSink::wait_for_messages(std::size_t n,
                                                     std::chrono::milliseconds timeout) const {
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    auto found = messages();
    if (found.size() >= n || Clock::now() >= deadline) return found;
    std::this_thread::sleep_for(50ms);
  }
}

std::string SmtpSink::log() const { return read_file(dir_.file("aiosmtpd.log")); }

// --- mail reading ---------------------------------------------------------

boost::json::value read_mail(const std::string& file) {
  static const char* kScript = R"PY(
import email, email.utils, json, sys, datetime
from email import policy
from email.header import decode_header, make_header

raw = open(sys.argv[1], 'rb').read()
head = raw.split(b'\r\n\r\n', 1)[0].split(b'\n\n', 1)[0]
m = email.message_from_bytes(raw, policy=policy.compat32)

def dec(v):
    return None if v is None else str(make_header(decode_header(v)))

parts = []
for p in m.walk():
    if p.is_multipart():
        continue
    payload = p.get_payload(decode=True) or b''
    cs = p.get_content_charset() or 'us-ascii'
    parts.append({'type': p.get_content_type(), 'charset': cs,
                  'transfer_encoding': (p.get('Content-Transfer-Encoding') or '').lower(),
                  'text': payload.decode(cs)})

date = m.get('Date')
skew = None
offset = None
if date:
    d = email.utils.parsedate_to_datetime(date)
    if d.tzinfo is not None:
        skew = abs((datetime.datetime.now(datetime.timezone.utc) - d).total_seconds())
        off = d.utcoffset()
        mins = int(off.total_seconds() // 60)
        offset = '%s%02d:%02d' % ('+' if mins >= 0 else '-', abs(mins) // 60, abs(mins) % 60)

raw_subject = m.get('Subject')
print(json.dumps({
    'raw_subject': None if raw_subject is None else str(raw_subject),
    'subject': dec(raw_subject),
    'from': dec(m.get('From')),
    'to': m.get('To'),
    'date': date,
    'date_skew_seconds': skew,
    'date_utc_offset': offset,
    'message_id': m.get('Message-ID'),
    'x_rcpt_to': m.get('X-RcptTo') or m.get('X-RcptTos'),
    'x_mail_from': m.get('X-MailFrom'),
    'content_type': m.get_content_type(),
    'headers_ascii': all(b < 128 for b in head),
    'parts': parts,
}, ensure_ascii=False))
)PY";
  auto r = run_command({"/usr/bin/python3", "-c", kScript, file}, std::chrono::seconds(60));
  if (r.exit_code != 0) {
    throw std::runtime_error("reading " + file + " with python3 failed (" +
                             std::to_string(r.exit_code) + "): " + r.err);
  }
  return boost::json::parse(r.out);
}

// --- signatures -----------------------------------------------------------

std::string hmac_sha256_hex(std::string_view key, std::string_view data) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (!HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
            reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac, &len)) {
    throw std::runtime_error("HMAC failed");
  }
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < len; ++i) {
    out += kHex[mac[i] >> 4];
    out += kHex[mac[i] & 15];
  }
  return out;
}

SignatureCheck check_signature(std::string_view header, std::string_view secret,
                               std::string_view body) {
  SignatureCheck out;
  std::string t_text;
  std::vector<std::string> v1;
  std::size_t start = 0;
  while (start <= header.size()) {
    auto comma = header.find(',', start);
    auto item = trim(header.substr(start, comma == std::string_view::npos ? std::string_view::npos
                                                                          : comma - start));
    auto eq = item.find('=');
    if (eq != std::string_view::npos) {
      auto key = item.substr(0, eq);
      auto value = item.substr(eq + 1);
      if (key == "t") t_text = std::string(value);
      if (key == "v1") v1.emplace_back(value);
    }
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  if (t_text.empty() ||
      !std::all_of(t_text.begin(), t_text.end(), [](unsigned char c) { return std::isdigit(c); })) {
    out.problem = "no numeric t= in \"" + std::string(header) + "\"";
    return out;
  }
  out.t = std::stoll(t_text);
  if (v1.empty()) {
    out.problem = "no v1= in \"" + std::string(header) + "\"";
    return out;
  }
  std::string expected = hmac_sha256_hex(secret, t_text + "." + std::string(body));
  for (const auto& v : v1) {
    if (v == expected) {
      out.valid = true;
      return out;
    }
  }
  out.problem = "v1 is not HMAC-SHA256(secret, \"<t>.<body>\") in lower-case hex: expected " +
                expected + ", got \"" + std::string(header) + "\"";
  return out;
}

bool is_uuid(std::string_view text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? text[i] != '-' : !std::isxdigit(static_cast<unsigned char>(text[i]))) return false;
  }
  return true;
}

}  // namespace tracker::test
