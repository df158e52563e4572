// The only translation unit that includes Beast: listener and sessions.
#include "tracker/http/server.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/url/parse.hpp>
#include <cstdio>
#include <iostream>
#include <set>
#include <thread>
#include <variant>

#include "client_address.hpp"
#include "dispatcher.hpp"
#include "request_log.hpp"
#include "responses.hpp"
#include "wire.hpp"

namespace tracker::http {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace ssl = boost::asio::ssl;
using asio::awaitable;
using asio::ip::tcp;

namespace {

constexpr std::size_t kHeaderLimit = 16 * 1024;
// While the head is read the route is not known yet: the largest limit of
// any route (Beast checks Content-Length against it there).
constexpr auto kLargestBody = static_cast<std::uint64_t>(BodyLimit::image);
constexpr auto kHeadTimeout = std::chrono::seconds(20);
constexpr auto kBodyTimeout = std::chrono::seconds(60);
constexpr auto kWriteTimeout = std::chrono::seconds(30);
constexpr auto kDrainTimeout = std::chrono::seconds(15);
constexpr auto kTlsHandshakeTimeout = std::chrono::seconds(10);

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

// The head of a request (method, target, headers; no body yet).
Request head_of(const bhttp::request<bhttp::string_body>& msg) {
  Request req;
  req.method = std::string(msg.method_string());
  req.target = std::string(msg.target());
  for (const auto& field : msg) req.headers[lower(field.name_string())] = std::string(field.value());
  return req;
}

// Beast's parse errors as the problems a session answers before closing.
domain::Error error_of_parse(const beast::error_code& ec) {
  if (ec == bhttp::error::body_limit) {
    return domain::make_error(domain::Errc::too_large, "payload_too_large", "Payload too large.");
  }
  if (ec == bhttp::error::header_limit) {
    return domain::make_error(domain::Errc::headers_too_large, "header_too_large",
                              "Request header fields too large.");
  }
  return domain::make_error(domain::Errc::malformed, "malformed_request", "Malformed request.");
}

// A peer that went away or was too slow gets no answer; anything else the
// parser refused does.
bool deserves_answer(const beast::error_code& ec) {
  return ec && ec != bhttp::error::end_of_stream && ec != beast::error::timeout &&
         ec != asio::error::operation_aborted && ec != asio::error::connection_reset;
}

domain::Error malformed_target() {
  return domain::make_error(domain::Errc::malformed, "malformed_target", "Malformed request target.");
}

}  // namespace

WireResult parse_wire_request(std::string_view bytes, const Router& router) {
  WireResult out;
  bhttp::request_parser<bhttp::string_body> parser;
  parser.header_limit(kHeaderLimit);
  parser.body_limit(kLargestBody);
  beast::error_code ec;
  auto feed = [&](auto done) {
    while (!done() && !bytes.empty()) {
      auto used = parser.put(asio::buffer(bytes.data(), bytes.size()), ec);
      bytes.remove_prefix(used);
      if (ec == bhttp::error::need_more) {
        ec = {};
        break;  // a whole message is not there
      }
      if (ec) return false;
      if (used == 0) break;
    }
    return true;
  };
  if (!feed([&] { return parser.is_header_done(); })) {
    out.status = status_of(error_of_parse(ec).errc);
    return out;
  }
  if (!parser.is_header_done()) {
    out.status = -1;
    return out;
  }
  out.request = head_of(parser.get());
  bool target_ok = parse_target(out.request.target, out.request);
  auto limit = target_ok ? router.body_limit(out.request.path) : static_cast<std::uint64_t>(BodyLimit::json);
  parser.body_limit(limit);
  if (auto length = parser.content_length(); length && *length > limit) {
    out.status = 413;
    return out;
  }
  if (!feed([&] { return parser.is_done(); })) {
    out.status = status_of(error_of_parse(ec).errc);
    return out;
  }
  if (!parser.is_done()) {
    out.status = -1;
    return out;
  }
  out.request.body = std::move(parser.get().body());
  if (!target_ok) out.status = 400;
  return out;
}

class Server::Impl {
 public:
  Impl(Services services, ServerOptions options)
      : options_(options),
        dispatcher_(services, options),
        acceptor_(asio::make_strand(ioc_)),
        signals_(ioc_, SIGINT, SIGTERM) {
    if (!options_.tls_cert.empty() || !options_.tls_key.empty()) tls_ = make_tls_context();
  }

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
  using TlsStream = beast::ssl_stream<beast::tcp_stream>;

  struct Connection {
    std::variant<beast::tcp_stream, TlsStream> stream;
    std::atomic<bool> busy{false};  // a request is being handled or answered
    std::atomic<std::int64_t> idle_since{0};  // steady ms; when it last finished one
    std::atomic<bool> served{false};          // has been answered at least once
    Connection(tcp::socket s, ssl::context* tls)
        : stream(tls ? decltype(stream)(std::in_place_index<1>, std::move(s), *tls)
                     : decltype(stream)(std::in_place_index<0>, std::move(s))) {
      touch();
    }
    beast::tcp_stream& lowest() {
      return std::visit([](auto& s) -> beast::tcp_stream& { return beast::get_lowest_layer(s); }, stream);
    }
    void touch() {
      idle_since = std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::steady_clock::now().time_since_epoch()).count();
    }
  };

  // TLS 1.2+ with forward-secret AEAD suites only; the certificate chain and
  // key from PEM files (a missing or wrong file stops the start, named).
  std::unique_ptr<ssl::context> make_tls_context() {
    auto ctx = std::make_unique<ssl::context>(ssl::context::tls_server);
    ctx->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                     ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 | ssl::context::single_dh_use |
                     ssl::context::no_compression);
    SSL_CTX_set_min_proto_version(ctx->native_handle(), TLS1_2_VERSION);
    SSL_CTX_set_cipher_list(ctx->native_handle(),
                            "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
                            "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
                            "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305");
    beast::error_code ec;
    ctx->use_certificate_chain_file(options_.tls_cert, ec);
    if (ec) throw std::runtime_error("tls_cert " + options_.tls_cert + ": " + ec.message());
    ctx->use_private_key_file(options_.tls_key, ssl::context::pem, ec);
    if (ec) throw std::runtime_error("tls_key " + options_.tls_key + ": " + ec.message());
    if (SSL_CTX_check_private_key(ctx->native_handle()) != 1) {
      throw std::runtime_error("tls_key does not belong to tls_cert");
    }
    return ctx;
  }

  // At the cap: close a connection that never completed a request (a slow or
  // silent client) before one that did (a real client between two requests
  // on keep-alive), the one idle for longest first; never one whose request
  // is being answered. False when every connection is busy.
  bool make_room() {
    std::shared_ptr<Connection> oldest;
    {
      std::lock_guard lock(mu_);
      if (static_cast<int>(connections_.size()) < options_.max_connections) return true;
      for (const auto& c : connections_) {
        if (c->busy || c->idle_since.load() == -1) continue;
        if (!oldest || std::pair(c->served.load(), c->idle_since.load()) <
                           std::pair(oldest->served.load(), oldest->idle_since.load())) {
          oldest = c;
        }
      }
    }
    if (!oldest) return false;
    oldest->idle_since = -1;  // evicted: not chosen twice
    asio::post(oldest->lowest().get_executor(), [oldest] {
      beast::error_code ignored;
      if (!oldest->busy) oldest->lowest().socket().close(ignored);
    });
    return true;
  }

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
      if (!make_room()) {
        // Every connection is answering a request: this one waits for nothing.
        beast::error_code ignored;
        socket.close(ignored);
        continue;
      }
      auto conn = std::make_shared<Connection>(std::move(socket), tls_.get());
      {
        std::lock_guard lock(mu_);
        connections_.insert(conn);
      }
      auto ex = conn->lowest().get_executor();
      asio::co_spawn(ex, session(conn), [this, conn](std::exception_ptr) {
        std::lock_guard lock(mu_);
        connections_.erase(conn);
      });
    }
  }

  // Writes one answer; `keep_alive` false closes the connection after it.
  template <class Stream>
  awaitable<beast::error_code> write_response(Connection& c, Stream& stream, Response response, unsigned version,
                                              bool keep_alive) {
    bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(response.status), version};
    res.set(bhttp::field::server, "dossier-tracker");
    res.set(bhttp::field::content_type, response.content_type);
    res.set("X-Content-Type-Options", "nosniff");
    if (tls_) res.set("Strict-Transport-Security", "max-age=31536000");
    for (const auto& [name, value] : response.headers) res.insert(name, value);
    res.body() = std::move(response.body);
    res.keep_alive(keep_alive && !stopping_);
    res.prepare_payload();
    beast::error_code ec;
    c.lowest().expires_after(kWriteTimeout);
    co_await bhttp::async_write(stream, res, asio::redirect_error(asio::use_awaitable, ec));
    if (!ec && !res.keep_alive()) ec = bhttp::error::end_of_stream;
    co_return ec;
  }

  // An answer the transport gives before closing: the same problem+json as
  // a handler's, in the request's language when its head was read.
  // `id` and `route` for the access log: the request's when its head was
  // read, else a new id and "-".
  template <class Stream>
  awaitable<void> refuse(Connection& c, Stream& stream, const domain::Error& e, domain::Language lang,
                         std::string id, std::string_view method, std::string_view route,
                         std::chrono::steady_clock::time_point started) {
    auto response = problem(e, lang);
    co_await answer(c, stream, std::move(response), 11, false, std::move(id), method, route, started);
  }

  // write_response with X-Request-Id, then the access log line.
  template <class Stream>
  awaitable<beast::error_code> answer(Connection& c, Stream& stream, Response response, unsigned version,
                                      bool keep_alive, std::string id, std::string_view method, std::string_view route,
                                      std::chrono::steady_clock::time_point started) {
    response.headers.emplace_back("X-Request-Id", id);
    RequestLine line{std::chrono::system_clock::now(), std::move(id), std::string(known_method(method)), route,
                     response.status, {}, response.body.size()};
    auto ec = co_await write_response(c, stream, std::move(response), version, keep_alive);
    line.duration = std::chrono::steady_clock::now() - started;
    request_log_.record(std::move(line));
    co_return ec;
  }

  awaitable<void> session(std::shared_ptr<Connection> conn) {
    std::string peer;
    {
      beast::error_code ec;
      auto ep = conn->lowest().socket().remote_endpoint(ec);
      if (!ec) peer = ep.address().to_string();
    }
    if (auto* tls = std::get_if<TlsStream>(&conn->stream)) {
      beast::error_code ec;
      conn->lowest().expires_after(kTlsHandshakeTimeout);
      co_await tls->async_handshake(ssl::stream_base::server, asio::redirect_error(asio::use_awaitable, ec));
      if (!ec) co_await serve(*conn, *tls, peer);
    } else {
      co_await serve(*conn, std::get<beast::tcp_stream>(conn->stream), peer);
    }
    beast::error_code ignored;
    conn->lowest().socket().shutdown(tcp::socket::shutdown_send, ignored);
    conn->lowest().close();
  }

  // Requests one after another on one connection (keep-alive), each with
  // the limits and timeouts of API.md.
  template <class Stream>
  awaitable<void> serve(Connection& c, Stream& stream, const std::string& peer) {
    beast::flat_buffer buffer;
    auto* conn = &c;
    for (;;) {
      if (stopping_) break;
      bhttp::request_parser<bhttp::string_body> parser;
      parser.header_limit(kHeaderLimit);
      parser.body_limit(kLargestBody);
      beast::error_code ec;
      conn->lowest().expires_after(kHeadTimeout);
      co_await bhttp::async_read_header(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
      if (ec) {
        // No whole head: no language to answer in but the default.
        if (deserves_answer(ec)) {
          co_await refuse(*conn, stream, error_of_parse(ec), domain::Language::vi, request_log_.id_for(""), "-", "-",
                          std::chrono::steady_clock::now());
        }
        break;
      }
      const auto started = std::chrono::steady_clock::now();
      conn->busy = true;
      Request req = head_of(parser.get());
      req.request_id = request_log_.id_for(req.header("x-request-id").value_or(""));
      bool target_ok = parse_target(req.target, req);
      Match match = target_ok ? dispatcher_.match(req) : Match{};
      std::string_view route = !target_ok ? "malformed_target" : match.route ? std::string_view(match.route->pattern) : "unmatched";
      auto limit = match.route ? static_cast<std::uint64_t>(match.route->spec.body)
                               : static_cast<std::uint64_t>(BodyLimit::json);
      parser.body_limit(limit);
      if (auto length = parser.content_length(); length && *length > limit) {
        co_await refuse(*conn, stream, error_of_parse(bhttp::error::body_limit), request_language(req), req.request_id,
                        req.method, route, started);
        break;
      }
      conn->lowest().expires_after(kBodyTimeout);
      co_await bhttp::async_read(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
      if (ec) {
        if (deserves_answer(ec)) {
          co_await refuse(*conn, stream, error_of_parse(ec), request_language(req), req.request_id, req.method, route,
                          started);
        }
        break;
      }
      auto& msg = parser.get();
      bool keep_alive = msg.keep_alive();
      auto version = msg.version();
      req.body = std::move(msg.body());
      req.client_address = client_address_of(peer, req.header("x-forwarded-for").value_or(""), options_.trusted_proxies);
      // (Not a ?: around co_await: GCC 12 miscompiles that.)
      Response response;
      if (target_ok) response = co_await dispatcher_.handle(req, std::move(match));
      else response = problem(malformed_target(), request_language(req));
      ec = co_await answer(*conn, stream, std::move(response), version, keep_alive, std::move(req.request_id),
                           req.method, route, started);
      conn->touch();
      conn->served = true;
      conn->busy = false;
      if (ec) break;
    }
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
      asio::post(c->lowest().get_executor(), [c] {
        beast::error_code ignored;  // the socket may already be closed
        if (!c->busy) c->lowest().socket().cancel(ignored);
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
  std::unique_ptr<ssl::context> tls_;  // HTTPS when set
  // Before ioc_: coroutine frames destroyed with the io_context may still
  // touch the dispatcher and the log. The log after the dispatcher: it is
  // destroyed first, writing its queued lines while the route patterns
  // they point to (the dispatcher's router) still exist.
  Dispatcher dispatcher_;
  RequestLog request_log_;
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
