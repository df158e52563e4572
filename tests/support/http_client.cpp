// The only translation unit of the tests that includes Beast.
#include "http_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json/parse.hpp>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <optional>

namespace tracker::test {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using boost::system::error_code;
using Clock = std::chrono::steady_clock;

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool has_header_named(const Headers& headers, std::string_view name) {
  return std::any_of(headers.begin(), headers.end(),
                     [&](const auto& h) { return lower(h.first) == lower(name); });
}

}  // namespace

boost::json::value Response::json() const {
  error_code ec;
  auto value = boost::json::parse(body, ec);
  if (ec) {
    throw std::runtime_error("response (status " + std::to_string(status) +
                             ") is not JSON: " + ec.message() + ": " + body.substr(0, 300));
  }
  return value;
}

std::string Response::header(std::string_view name) const {
  auto it = headers.find(lower(name));
  return it == headers.end() ? std::string() : it->second;
}

bool Response::has_header(std::string_view name) const { return headers.count(lower(name)) != 0; }

// Below the server's 20 s head timeout for an idle keep-alive connection.
constexpr auto kIdleReuse = std::chrono::seconds(10);

struct HttpConnection::Impl {
  unsigned short port;
  std::chrono::milliseconds timeout;
  asio::io_context ioc;
  beast::tcp_stream stream{ioc};
  beast::flat_buffer buffer;
  bool open = false;
  std::chrono::steady_clock::time_point last_answer{};

  Impl(unsigned short p, std::chrono::milliseconds t) : port(p), timeout(t) {}

  void run() {
    ioc.restart();
    ioc.run();
  }

  void connect() {
    error_code ec;
    stream.expires_after(timeout);
    stream.async_connect(tcp::endpoint(asio::ip::make_address_v4("127.0.0.1"), port),
                         [&](error_code e) { ec = e; });
    run();
    if (ec) {
      stream.socket().close(ec);
      throw HttpError("connect to 127.0.0.1:" + std::to_string(port) + ": " + ec.message());
    }
    buffer.clear();
    open = true;
  }

  void close() {
    error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream.socket().close(ignored);
    buffer.clear();
    open = false;
  }

  Response request(std::string_view method, std::string_view target, std::string_view body,
                   const Headers& headers) {
    // The server closes a keep-alive connection that stays silent for 20 s
    // (waiting for a request head); a request sent just then would meet
    // that close. So a connection idle for longer than kIdleReuse is opened
    // again first, as HTTP clients do.
    if (open && std::chrono::steady_clock::now() - last_answer > kIdleReuse) close();
    if (!open) connect();

    http::request<http::string_body> req;
    req.version(11);
    auto verb = http::string_to_verb(method);
    if (verb == http::verb::unknown) {
      req.method_string(method);
    } else {
      req.method(verb);
    }
    req.target(target);
    req.set(http::field::host, "127.0.0.1:" + std::to_string(port));
    req.set(http::field::user_agent, "dossier-tracker-e2e");
    for (const auto& [name, value] : headers) req.insert(name, value);
    if (!body.empty() && !has_header_named(headers, "content-type")) {
      req.set(http::field::content_type, "application/json");
    }
    req.body() = std::string(body);
    if (!has_header_named(headers, "content-length")) req.prepare_payload();

    error_code write_ec;
    stream.expires_after(timeout);
    http::async_write(stream, req, [&](error_code e, std::size_t) { write_ec = e; });
    run();

    // Even when the write failed, the server may have answered early (413,
    // 431) before closing: read what it sent.
    http::response_parser<http::string_body> parser;
    parser.header_limit(1024 * 1024);
    parser.body_limit(256ull * 1024 * 1024);
    if (method == "HEAD") parser.skip(true);
    error_code read_ec;
    stream.expires_after(timeout);
    http::async_read(stream, buffer, parser, [&](error_code e, std::size_t) { read_ec = e; });
    run();
    if (read_ec) {
      close();
      std::string what = std::string(method) + " " + std::string(target) + ": ";
      if (write_ec) what += "write: " + write_ec.message() + "; ";
      throw HttpError(what + "read: " + read_ec.message());
    }

    auto res = parser.release();
    Response out;
    out.status = static_cast<int>(res.result_int());
    for (const auto& field : res.base()) {
      auto name = lower(field.name_string());
      auto [it, inserted] = out.headers.emplace(name, std::string(field.value()));
      if (!inserted) it->second += "\n" + std::string(field.value());
    }
    out.body = std::move(res.body());
    last_answer = std::chrono::steady_clock::now();
    if (write_ec || !res.keep_alive()) close();
    return out;
  }
};

HttpConnection::HttpConnection(unsigned short port, std::chrono::milliseconds timeout)
    : impl_(std::make_unique<Impl>(port, timeout)) {}

HttpConnection::~HttpConnection() {
  if (impl_ && impl_->open) impl_->close();
}

Response HttpConnection::request(std::string_view method, std::string_view target,
                                 std::string_view body, const Headers& headers) {
  return impl_->request(method, target, body, headers);
}

bool HttpConnection::is_open() const { return impl_->open; }

void HttpConnection::close() { impl_->close(); }

Response http_request(unsigned short port, std::string_view method, std::string_view target,
                      std::string_view body, const Headers& headers) {
  HttpConnection connection(port);
  return connection.request(method, target, body, headers);
}

RawExchange raw_exchange(unsigned short port, std::string_view bytes,
                         std::chrono::milliseconds timeout) {
  RawExchange out;
  const auto start = Clock::now();
  const auto deadline = start + timeout;
  auto remaining_ms = [&] {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    return static_cast<int>(std::max<std::int64_t>(0, left.count()));
  };

  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw HttpError(std::string("socket: ") + std::strerror(errno));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    int err = errno;
    ::close(fd);
    throw HttpError("connect to 127.0.0.1:" + std::to_string(port) + ": " + std::strerror(err));
  }

  std::size_t sent = 0;
  while (sent < bytes.size()) {
    pollfd p{fd, POLLOUT, 0};
    int ready = ::poll(&p, 1, remaining_ms());
    if (ready == 0) break;  // the server stopped reading: fine, go and read
    if (ready < 0 && errno == EINTR) continue;
    ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n < 0) {
      if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) continue;
      out.send_failed = true;
      break;
    }
    sent += static_cast<std::size_t>(n);
  }

  char chunk[16384];
  for (;;) {
    int left = remaining_ms();
    if (left == 0) break;
    pollfd p{fd, POLLIN, 0};
    int ready = ::poll(&p, 1, left);
    if (ready == 0) break;
    if (ready < 0) {
      if (errno == EINTR) continue;
      break;
    }
    ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n > 0) {
      out.received.append(chunk, static_cast<std::size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    out.closed_by_server = true;  // 0: orderly close; < 0: reset
    break;
  }
  out.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
  ::close(fd);
  return out;
}

std::string url_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

}  // namespace tracker::test
