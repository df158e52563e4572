// The only translation unit that includes Beast: listener and sessions.
#include "tracker/http/server.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>
#include <cstdio>
#include <iostream>
#include <set>
#include <thread>

#include "dispatcher.hpp"

namespace tracker::http {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using asio::awaitable;
using asio::ip::tcp;

namespace {

constexpr std::size_t kHeaderLimit = 16 * 1024;
constexpr std::uint64_t kJsonBodyLimit = 1024 * 1024;
constexpr std::uint64_t kImageBodyLimit = 8 * 1024 * 1024;
constexpr auto kHeadTimeout = std::chrono::seconds(20);
constexpr auto kBodyTimeout = std::chrono::seconds(60);
constexpr auto kWriteTimeout = std::chrono::seconds(30);
constexpr auto kDrainTimeout = std::chrono::seconds(15);

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Splits the target into a decoded path and query; false when it is not a
// valid origin-form target.
bool parse_target(std::string_view target, Request& out) {
  auto url = boost::urls::parse_origin_form(target);
  if (!url) return false;
  out.path = url->path();
  for (auto param : url->params()) out.query[param.key] = param.value;
  return true;
}

std::string body_of_problem(int status, const char* code, const char* title) {
  return std::string("{\"type\":\"https://tracuu.example.vn/problems/") + code + "\",\"title\":\"" + title +
         "\",\"status\":" + std::to_string(status) + ",\"code\":\"" + code + "\"}";
}

}  // namespace

class Server::Impl {
 public:
  Impl(Services services, ServerOptions options)
      : options_(options),
        dispatcher_(services, options),
        acceptor_(asio::make_strand(ioc_)),
        signals_(ioc_, SIGINT, SIGTERM) {}

  std::uint16_t start() {
    auto colon = options_.listen.rfind(':');
    if (colon == std::string::npos) throw std::runtime_error("listen must be HOST:PORT");
    auto host = options_.listen.substr(0, colon);
    auto port = static_cast<unsigned short>(std::stoi(options_.listen.substr(colon + 1)));
    tcp::endpoint ep(asio::ip::make_address(host), port);
    acceptor_.open(ep.protocol());
    acceptor_.set_option(asio::socket_base::reuse_address(true));
    acceptor_.bind(ep);
    acceptor_.listen(asio::socket_base::max_listen_connections);
    // The acceptor lives on its own strand: accepting and closing it at
    // shutdown never run at the same time.
    asio::co_spawn(acceptor_.get_executor(), accept_loop(), asio::detached);
    signals_.async_wait([this](beast::error_code ec, int) {
      if (!ec) asio::post(acceptor_.get_executor(), [this] { begin_shutdown(); });
    });
    return acceptor_.local_endpoint().port();
  }

  void run() {
    // A handler that throws is logged and the thread goes back to work: one
    // bad connection must not take the service down.
    auto work = [this] {
      for (;;) {
        try {
          ioc_.run();
          return;
        } catch (const std::exception& e) {
          std::fprintf(stderr, "error: I/O thread: %s\n", e.what());
        }
      }
    };
    std::vector<std::thread> threads;
    for (int i = 1; i < options_.threads; ++i) threads.emplace_back(work);
    work();
    for (auto& t : threads) t.join();
  }

  void stop() {
    asio::post(acceptor_.get_executor(), [this] { begin_shutdown(); });
  }

 private:
  struct Connection {
    beast::tcp_stream stream;
    bool busy = false;
    explicit Connection(tcp::socket s) : stream(std::move(s)) {}
  };

  awaitable<void> accept_loop() {
    for (;;) {
      beast::error_code ec;
      auto socket = co_await acceptor_.async_accept(asio::make_strand(ioc_),
                                                    asio::redirect_error(asio::use_awaitable, ec));
      if (ec) {
        if (stopping_) co_return;
        // e.g. too many open files: keep serving the others, without spinning.
        asio::steady_timer pause(acceptor_.get_executor(), std::chrono::milliseconds(50));
        co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, ec));
        continue;
      }
      auto conn = std::make_shared<Connection>(std::move(socket));
      {
        std::lock_guard lock(mu_);
        connections_.insert(conn);
      }
      auto ex = conn->stream.get_executor();
      asio::co_spawn(ex, session(conn), [this, conn](std::exception_ptr) {
        std::lock_guard lock(mu_);
        connections_.erase(conn);
      });
    }
  }

  awaitable<void> write_simple(Connection& c, int status, const char* code, const char* title) {
    bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(status), 11};
    res.set(bhttp::field::content_type, "application/problem+json");
    res.set(bhttp::field::connection, "close");
    res.body() = body_of_problem(status, code, title);
    res.prepare_payload();
    beast::error_code ec;
    c.stream.expires_after(kWriteTimeout);
    co_await bhttp::async_write(c.stream, res, asio::redirect_error(asio::use_awaitable, ec));
  }

  awaitable<void> session(std::shared_ptr<Connection> conn) {
    auto& stream = conn->stream;
    beast::flat_buffer buffer;
    std::string client;
    {
      beast::error_code ec;
      auto ep = stream.socket().remote_endpoint(ec);
      if (!ec) client = ep.address().to_string();
    }
    for (;;) {
      if (stopping_) break;
      bhttp::request_parser<bhttp::string_body> parser;
      parser.header_limit(kHeaderLimit);
      // The image limit while reading the head (Beast checks Content-Length
      // against it there); the route's own limit is set once the target is known.
      parser.body_limit(kImageBodyLimit);
      beast::error_code ec;
      stream.expires_after(kHeadTimeout);
      co_await bhttp::async_read_header(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
      if (ec == bhttp::error::body_limit) {
        co_await write_simple(*conn, 413, "payload_too_large", "Payload too large");
        break;
      }
      if (ec == bhttp::error::header_limit) {
        co_await write_simple(*conn, 431, "header_too_large", "Request header fields too large");
        break;
      }
      if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout || ec) {
        if (ec && ec != bhttp::error::end_of_stream && ec != beast::error::timeout &&
            ec != asio::error::operation_aborted && ec != asio::error::connection_reset) {
          co_await write_simple(*conn, 400, "malformed_request", "Malformed request");
        }
        break;
      }
      conn->busy = true;
      std::string_view target = parser.get().target();
      auto limit = target.starts_with("/api/v1/barcodes/decode") ? kImageBodyLimit : kJsonBodyLimit;
      parser.body_limit(limit);
      if (auto length = parser.content_length(); length && *length > limit) {
        co_await write_simple(*conn, 413, "payload_too_large", "Payload too large");
        break;
      }
      stream.expires_after(kBodyTimeout);
      co_await bhttp::async_read(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
      if (ec == bhttp::error::body_limit) {
        co_await write_simple(*conn, 413, "payload_too_large", "Payload too large");
        break;
      }
      if (ec) {
        if (ec != beast::error::timeout && ec != bhttp::error::end_of_stream &&
            ec != asio::error::connection_reset) {
          co_await write_simple(*conn, 400, "malformed_request", "Malformed request");
        }
        break;
      }
      auto& msg = parser.get();
      Request req;
      req.method = std::string(msg.method_string());
      req.target = std::string(msg.target());
      req.client_address = client;
      for (const auto& field : msg) req.headers[lower(field.name_string())] = std::string(field.value());
      req.body = std::move(msg.body());
      bool keep_alive = msg.keep_alive();
      Response response;
      if (!parse_target(req.target, req)) {
        response = Response{400, "application/problem+json",
                            body_of_problem(400, "malformed_target", "Malformed request target"), {}};
      } else {
        response = co_await dispatcher_.handle(req);
      }
      bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(response.status), msg.version()};
      res.set(bhttp::field::server, "dossier-tracker");
      res.set(bhttp::field::content_type, response.content_type);
      res.set("X-Content-Type-Options", "nosniff");
      for (const auto& [name, value] : response.headers) res.insert(name, value);
      res.body() = std::move(response.body);
      res.keep_alive(keep_alive && !stopping_);
      res.prepare_payload();
      stream.expires_after(kWriteTimeout);
      co_await bhttp::async_write(stream, res, asio::redirect_error(asio::use_awaitable, ec));
      conn->busy = false;
      if (ec || !res.keep_alive()) break;
    }
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream.close();
  }

  // Stop accepting, close idle connections, let busy ones finish their
  // request, then stop the loop.
  void begin_shutdown() {
    if (stopping_.exchange(true)) return;
    beast::error_code ec;
    acceptor_.close(ec);
    signals_.cancel(ec);
    close_idle();
    asio::co_spawn(ioc_, drain(), asio::detached);
  }

  void close_idle() {
    std::lock_guard lock(mu_);
    for (const auto& c : connections_) {
      asio::post(c->stream.get_executor(), [c] {
        beast::error_code ignored;  // the socket may already be closed
        if (!c->busy) c->stream.socket().cancel(ignored);
      });
    }
  }

  awaitable<void> drain() {
    asio::steady_timer timer(ioc_);
    auto deadline = std::chrono::steady_clock::now() + kDrainTimeout;
    for (;;) {
      {
        std::lock_guard lock(mu_);
        if (connections_.empty() || std::chrono::steady_clock::now() > deadline) break;
      }
      close_idle();
      timer.expires_after(std::chrono::milliseconds(20));
      beast::error_code ec;
      co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
    ioc_.stop();
  }

  ServerOptions options_;
  // Before ioc_: coroutine frames destroyed with the io_context may still
  // touch the dispatcher.
  Dispatcher dispatcher_;
  asio::io_context ioc_;
  tcp::acceptor acceptor_;
  asio::signal_set signals_;
  std::atomic<bool> stopping_{false};
  std::mutex mu_;
  std::set<std::shared_ptr<Connection>> connections_;
};

Server::Server(Services services, ServerOptions options)
    : impl_(std::make_unique<Impl>(services, std::move(options))) {}
Server::~Server() = default;
std::uint16_t Server::start() { return impl_->start(); }
void Server::run() { impl_->run(); }
void Server::stop() { impl_->stop(); }

}  // namespace tracker::http
