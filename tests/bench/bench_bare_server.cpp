// bench_bare_server: the HTTP ceiling of the benchmarks. A Beast server that
// answers every request (any method, any target) with 200 and a small JSON
// body, built like the service's listener and session (C++20 coroutines, one
// strand per connection, body limit, timeouts, keep-alive) but doing no work.
//
//   bench_bare_server [--listen 127.0.0.1:0] [--threads 2]
//
// Prints `listening on http://HOST:PORT` once it accepts connections; runs
// until SIGTERM or SIGINT, then exits 0.
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

constexpr auto kTok = asio::as_tuple(asio::use_awaitable);
constexpr std::string_view kBody = R"({"status":"ok"})";
constexpr std::size_t kBodyLimit = 1024 * 1024;
constexpr std::uint32_t kHeaderLimit = 16 * 1024;
constexpr auto kReadTimeout = std::chrono::seconds(20);
constexpr auto kWriteTimeout = std::chrono::seconds(20);

// One connection: read a request, answer 200, until the client closes.
asio::awaitable<void> run_session(tcp::socket socket) {
  beast::tcp_stream stream(std::move(socket));
  beast::error_code ignored;
  stream.socket().set_option(tcp::no_delay(true), ignored);
  beast::flat_buffer buffer;
  for (;;) {
    http::request_parser<http::string_body> parser;
    parser.body_limit(kBodyLimit);
    parser.header_limit(kHeaderLimit);
    stream.expires_after(kReadTimeout);
    auto [read_ec, read] = co_await http::async_read(stream, buffer, parser, kTok);
    if (read_ec) break;  // closed, timed out or malformed: drop the connection
    const auto& request = parser.get();

    http::response<http::string_body> response{http::status::ok, request.version()};
    response.set(http::field::server, "bench_bare_server");
    response.set(http::field::content_type, "application/json");
    response.keep_alive(request.keep_alive());
    response.body() = kBody;
    response.prepare_payload();
    stream.expires_after(kWriteTimeout);
    auto [write_ec, written] = co_await http::async_write(stream, response, kTok);
    if (write_ec || !response.keep_alive()) break;
  }
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
}

asio::awaitable<void> run_listener(tcp::acceptor& acceptor, asio::io_context& ioc) {
  while (acceptor.is_open()) {
    tcp::socket socket(asio::make_strand(ioc));
    auto [ec] = co_await acceptor.async_accept(socket, kTok);
    if (ec == asio::error::operation_aborted) break;
    if (ec) continue;  // e.g. too many open files: keep serving the others
    auto executor = socket.get_executor();
    asio::co_spawn(executor, run_session(std::move(socket)), asio::detached);
  }
}

// Splits "HOST:PORT"; the port may be 0 (any free one).
bool parse_listen(const std::string& text, std::string& host, unsigned short& port) {
  auto colon = text.rfind(':');
  if (colon == std::string::npos) return false;
  host = text.substr(0, colon);
  char* end = nullptr;
  long value = std::strtol(text.c_str() + colon + 1, &end, 10);
  if (*end != '\0' || value < 0 || value > 65535) return false;
  port = static_cast<unsigned short>(value);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  std::string listen = "127.0.0.1:0";
  int threads = 2;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--listen" && i + 1 < argc) {
      listen = argv[++i];
    } else if (arg == "--threads" && i + 1 < argc) {
      threads = std::atoi(argv[++i]);
    } else {
      std::cerr << "usage: bench_bare_server [--listen HOST:PORT] [--threads N]\n";
      return 2;
    }
  }
  std::string host;
  unsigned short port = 0;
  if (!parse_listen(listen, host, port) || threads < 1) {
    std::cerr << "bench_bare_server: bad --listen or --threads\n";
    return 2;
  }

  asio::io_context ioc(threads);
  tcp::acceptor acceptor(ioc);
  try {
    tcp::endpoint endpoint(asio::ip::make_address(host), port);
    acceptor.open(endpoint.protocol());
    acceptor.set_option(asio::socket_base::reuse_address(true));
    acceptor.bind(endpoint);
    acceptor.listen(asio::socket_base::max_listen_connections);
  } catch (const std::exception& e) {
    std::cerr << "bench_bare_server: cannot listen on " << listen << ": " << e.what() << "\n";
    return 1;
  }

  asio::signal_set signals(ioc, SIGTERM, SIGINT);
  signals.async_wait([&](beast::error_code, int) {
    beast::error_code ignored;
    acceptor.close(ignored);
    ioc.stop();
  });
  asio::co_spawn(ioc, run_listener(acceptor, ioc), asio::detached);

  std::cout << "listening on http://" << host << ":" << acceptor.local_endpoint().port()
            << std::endl;
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back([&] { ioc.run(); });
  ioc.run();
  for (auto& th : pool) th.join();
  return 0;
}
