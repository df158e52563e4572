// bench_loadgen: an HTTP/1.1 keep-alive load generator for the benchmarks.
//
//   bench_loadgen --host 127.0.0.1 --port N --connections C --duration S
//                 --threads T --method GET|POST --path P
//                 [--header 'Authorization: Bearer X']...
//                 [--scan-body TN[,TN...],OFFICE] [--tracking-numbers TN,...]
//
// C connections, spread over T threads (one io_context each, so a thread's
// connections share its statistics without locks), each send one request,
// wait for the whole response, and send the next until S seconds have passed.
// With --scan-body every request is a POST of a fresh scan (a new UUID v4
// event id, tracking numbers taken round robin, occurred_at one minute ago in
// +07:00). A `{tn}` in the path is replaced round robin by --tracking-numbers.
// A broken connection counts as a socket error and is reopened.
//
// Prints one JSON line on stdout: requests, req/s, p50/p90/p99/max latency in
// milliseconds, non-2xx responses, socket errors, and counts by status. The
// first non-2xx response is echoed on stderr to show what went wrong.
#include <algorithm>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/program_options.hpp>
#include <boost/uuid/random_generator.hpp>
#include <boost/uuid/uuid_io.hpp>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <ctime>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace po = boost::program_options;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

constexpr auto kTok = asio::as_tuple(asio::use_awaitable);
constexpr auto kIoTimeout = std::chrono::seconds(10);

struct Config {
  std::string host = "127.0.0.1";
  unsigned short port = 0;
  int connections = 64;
  double duration_s = 10;
  int threads = 1;
  std::string method = "GET";
  std::string path = "/";
  std::vector<std::string> headers;
  std::vector<std::string> scan_tracking_numbers;  // empty: no scan body
  std::string scan_office;
  std::vector<std::string> path_tracking_numbers;  // replaces {tn} in path
};

std::vector<std::string> split(const std::string& text, char sep) {
  std::vector<std::string> parts;
  std::istringstream in(text);
  for (std::string part; std::getline(in, part, sep);)
    if (!part.empty()) parts.push_back(part);
  return parts;
}

// Quotes a value for a JSON string; enough for tracking numbers and codes.
std::string json_string(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + '"';
}

// What one thread measured; only touched by that thread's io_context.
struct ThreadStats {
  std::vector<std::uint32_t> latency_us;
  std::map<unsigned, std::uint64_t> by_status;
  std::uint64_t non_2xx = 0;
  std::uint64_t socket_errors = 0;
  std::string first_failure;
};

// Builds the bytes of each request. One per thread (not thread-safe).
class RequestFactory {
 public:
  RequestFactory(const Config& cfg, std::size_t seed) : cfg_(cfg), next_(seed) {
    head_ = " HTTP/1.1\r\nHost: " + cfg.host + ":" + std::to_string(cfg.port) + "\r\n";
    for (const auto& h : cfg.headers) head_ += h + "\r\n";
    if (!scan_mode()) head_ += "\r\n";
  }

  bool scan_mode() const { return !cfg_.scan_tracking_numbers.empty(); }

  void build(std::string& out) {
    std::size_t i = next_++;
    out.assign(scan_mode() ? "POST " : cfg_.method + " ");
    append_path(out, i);
    out += head_;
    if (!scan_mode()) return;
    build_scan_body(i);
    out += "Content-Type: application/json\r\nContent-Length: ";
    out += std::to_string(body_.size());
    out += "\r\n\r\n";
    out += body_;
  }

 private:
  void append_path(std::string& out, std::size_t i) const {
    const auto& tns = cfg_.path_tracking_numbers;
    auto at = cfg_.path.find("{tn}");
    if (at == std::string::npos || tns.empty()) {
      out += cfg_.path;
      return;
    }
    out.append(cfg_.path, 0, at);
    out += tns[i % tns.size()];
    out.append(cfg_.path, at + 4);
  }

  void build_scan_body(std::size_t i) {
    const auto& tns = cfg_.scan_tracking_numbers;
    body_ = "{\"event_id\": \"" + boost::uuids::to_string(uuids_()) +
            "\", \"tracking_number\": " + json_string(tns[i % tns.size()]) +
            ", \"type\": \"arrived\", \"office\": " + json_string(cfg_.scan_office) +
            ", \"occurred_at\": \"" + occurred_at() + "\"}";
  }

  // One minute ago, RFC 3339 in +07:00; recomputed once a second.
  const std::string& occurred_at() {
    std::time_t now = std::time(nullptr);
    if (now != cached_second_) {
      cached_second_ = now;
      std::time_t local = now - 60 + 7 * 3600;
      std::tm tm{};
      gmtime_r(&local, &tm);
      char buf[40];
      std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S+07:00", &tm);
      cached_time_ = buf;
    }
    return cached_time_;
  }

  const Config& cfg_;
  std::size_t next_;
  std::string head_;
  std::string body_;
  boost::uuids::random_generator_mt19937 uuids_;
  std::time_t cached_second_ = 0;
  std::string cached_time_;
};

// One keep-alive connection: request, whole response, repeat until deadline.
asio::awaitable<void> run_connection(tcp::endpoint endpoint, Clock::time_point deadline,
                                     RequestFactory& requests, ThreadStats& stats) {
  auto executor = co_await asio::this_coro::executor;
  beast::flat_buffer buffer;
  std::string request;
  while (Clock::now() < deadline) {
    beast::tcp_stream stream(executor);
    stream.expires_after(kIoTimeout);
    auto [connect_ec] = co_await stream.async_connect(endpoint, kTok);
    if (connect_ec) {
      ++stats.socket_errors;
      asio::steady_timer pause(executor, std::chrono::milliseconds(10));
      co_await pause.async_wait(kTok);
      continue;
    }
    beast::error_code ignored;
    stream.socket().set_option(tcp::no_delay(true), ignored);
    buffer.clear();
    bool open = true;
    while (open && Clock::now() < deadline) {
      requests.build(request);
      auto start = Clock::now();
      stream.expires_after(kIoTimeout);
      auto [write_ec, written] = co_await asio::async_write(stream, asio::buffer(request), kTok);
      http::response_parser<http::string_body> parser;
      parser.body_limit(64 * 1024 * 1024);
      beast::error_code read_ec = write_ec;
      if (!write_ec)
        std::tie(read_ec, std::ignore) = co_await http::async_read(stream, buffer, parser, kTok);
      if (read_ec) {
        ++stats.socket_errors;
        break;
      }
      auto micros = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start);
      stats.latency_us.push_back(static_cast<std::uint32_t>(micros.count()));
      const auto& response = parser.get();
      unsigned status = response.result_int();
      ++stats.by_status[status];
      if (status < 200 || status > 299) {
        if (stats.non_2xx++ == 0)
          stats.first_failure = std::to_string(status) + " " + response.body().substr(0, 400);
      }
      open = response.keep_alive();
    }
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
  }
}

double percentile_ms(const std::vector<std::uint32_t>& sorted, double q) {
  if (sorted.empty()) return 0;
  auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(sorted.size())));
  return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1] / 1000.0;
}

void print_summary(const Config& cfg, std::vector<ThreadStats>& per_thread, double elapsed_s) {
  std::vector<std::uint32_t> latencies;
  std::map<unsigned, std::uint64_t> by_status;
  std::uint64_t non_2xx = 0, socket_errors = 0;
  for (auto& t : per_thread) {
    latencies.insert(latencies.end(), t.latency_us.begin(), t.latency_us.end());
    for (auto [status, n] : t.by_status) by_status[status] += n;
    non_2xx += t.non_2xx;
    socket_errors += t.socket_errors;
    if (!t.first_failure.empty()) std::cerr << "first non-2xx: " << t.first_failure << "\n";
  }
  std::sort(latencies.begin(), latencies.end());
  char numbers[400];
  std::snprintf(numbers, sizeof numbers,
                "\"duration_s\": %.2f, \"requests\": %zu, \"rps\": %.0f, \"p50_ms\": %.3f, "
                "\"p90_ms\": %.3f, \"p99_ms\": %.3f, \"max_ms\": %.3f",
                elapsed_s, latencies.size(), static_cast<double>(latencies.size()) / elapsed_s,
                percentile_ms(latencies, 0.50), percentile_ms(latencies, 0.90),
                percentile_ms(latencies, 0.99),
                latencies.empty() ? 0.0 : latencies.back() / 1000.0);
  std::string method = cfg.scan_tracking_numbers.empty() ? cfg.method : "POST";
  std::cout << "{\"target\": " << json_string(method + " " + cfg.path)
            << ", \"connections\": " << cfg.connections << ", \"threads\": " << cfg.threads << ", "
            << numbers << ", \"non_2xx\": " << non_2xx << ", \"socket_errors\": " << socket_errors
            << ", \"status\": {";
  const char* sep = "";
  for (auto [status, n] : by_status) {
    std::cout << sep << "\"" << status << "\": " << n;
    sep = ", ";
  }
  std::cout << "}}" << std::endl;
}

// Returns false (after printing why) when the command line is unusable.
bool parse_args(int argc, char** argv, Config& cfg) {
  std::string scan_body, path_tns;
  po::options_description opts("bench_loadgen options");
  // clang-format off
  opts.add_options()
      ("help", "this text")
      ("host", po::value(&cfg.host)->default_value(cfg.host), "server address")
      ("port", po::value(&cfg.port)->required(), "server port")
      ("connections", po::value(&cfg.connections)->default_value(cfg.connections), "keep-alive connections")
      ("duration", po::value(&cfg.duration_s)->default_value(cfg.duration_s), "seconds to run")
      ("threads", po::value(&cfg.threads)->default_value(cfg.threads), "client threads")
      ("method", po::value(&cfg.method)->default_value(cfg.method), "GET or POST (no body)")
      ("path", po::value(&cfg.path)->default_value(cfg.path), "request target; {tn} is replaced")
      ("header", po::value(&cfg.headers)->composing(), "extra header line, repeatable")
      ("scan-body", po::value(&scan_body), "TN[,TN...],OFFICE: POST a fresh scan each request")
      ("tracking-numbers", po::value(&path_tns), "TN,TN,...: values for {tn} in the path");
  // clang-format on
  try {
    po::variables_map vm;
    po::store(po::parse_command_line(argc, argv, opts), vm);
    if (vm.count("help")) {
      std::cout << opts << "\n";
      return false;
    }
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "bench_loadgen: " << e.what() << "\n" << opts << "\n";
    return false;
  }
  if (!scan_body.empty()) {
    auto parts = split(scan_body, ',');
    if (parts.size() < 2) {
      std::cerr << "bench_loadgen: --scan-body needs TN[,TN...],OFFICE\n";
      return false;
    }
    cfg.scan_office = parts.back();
    parts.pop_back();
    cfg.scan_tracking_numbers = std::move(parts);
  }
  cfg.path_tracking_numbers = split(path_tns, ',');
  if (cfg.method != "GET" && cfg.method != "POST") {
    std::cerr << "bench_loadgen: --method must be GET or POST\n";
    return false;
  }
  if (cfg.threads < 1 || cfg.connections < 1 || cfg.duration_s <= 0) {
    std::cerr << "bench_loadgen: threads, connections and duration must be positive\n";
    return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  Config cfg;
  if (!parse_args(argc, argv, cfg)) return 2;
  if (cfg.method == "POST" && cfg.scan_tracking_numbers.empty())
    cfg.headers.push_back("Content-Length: 0");

  tcp::endpoint endpoint;
  try {
    asio::io_context resolver_context;
    tcp::resolver resolver(resolver_context);
    endpoint = *resolver.resolve(cfg.host, std::to_string(cfg.port)).begin();
  } catch (const std::exception& e) {
    std::cerr << "bench_loadgen: cannot resolve " << cfg.host << ": " << e.what() << "\n";
    return 1;
  }

  std::vector<ThreadStats> stats(cfg.threads);
  std::vector<std::unique_ptr<RequestFactory>> factories;
  std::vector<std::unique_ptr<asio::io_context>> contexts;
  for (int t = 0; t < cfg.threads; ++t) {
    factories.push_back(std::make_unique<RequestFactory>(cfg, static_cast<std::size_t>(t) * 7919));
    contexts.push_back(std::make_unique<asio::io_context>(1));
    stats[t].latency_us.reserve(1 << 20);
  }

  auto start = Clock::now();
  auto deadline = start + std::chrono::duration_cast<Clock::duration>(
                              std::chrono::duration<double>(cfg.duration_s));
  for (int c = 0; c < cfg.connections; ++c) {
    int t = c % cfg.threads;
    asio::co_spawn(*contexts[t], run_connection(endpoint, deadline, *factories[t], stats[t]),
                   [](std::exception_ptr e) {
                     if (e) std::rethrow_exception(e);  // a bug, not a network error
                   });
  }
  std::vector<std::thread> threads;
  for (int t = 0; t < cfg.threads; ++t) threads.emplace_back([&, t] { contexts[t]->run(); });
  for (auto& th : threads) th.join();
  double elapsed_s = std::chrono::duration<double>(Clock::now() - start).count();

  print_summary(cfg, stats, elapsed_s);
  return 0;
}
