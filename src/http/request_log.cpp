#include "request_log.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <ctime>
#include <random>

namespace tracker::http {
namespace {

constexpr std::size_t kMaxIdLength = 64;
constexpr auto kFlushEvery = std::chrono::milliseconds(100);

std::string random_prefix() {
  std::random_device device;
  char text[8];
  std::snprintf(text, sizeof text, "%06x", static_cast<unsigned>(device() & 0xffffff));
  return text;
}

void append_time(std::string& out, std::chrono::system_clock::time_point at) {
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(at.time_since_epoch()).count();
  std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char text[40];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms % 1000));
  out += text;
}

}  // namespace

std::string_view known_method(std::string_view method) {
  for (std::string_view m : {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"}) {
    if (method == m) return m;
  }
  return "OTHER";
}

RequestLog::RequestLog(int fd) : fd_(fd), prefix_(random_prefix()), writer_([this] { run(); }) {}

RequestLog::~RequestLog() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_one();
  writer_.join();
}

bool RequestLog::acceptable_id(std::string_view id) {
  if (id.empty() || id.size() > kMaxIdLength) return false;
  for (unsigned char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
              c == ':' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::string RequestLog::id_for(std::string_view offered) {
  if (acceptable_id(offered)) return std::string(offered);
  char counter[24];
  std::snprintf(counter, sizeof counter, "-%08llx", static_cast<unsigned long long>(next_++));
  return prefix_ + counter;
}

void RequestLog::record(RequestLine line) {
  std::lock_guard lock(mu_);
  queued_.push_back(std::move(line));
}

void RequestLog::run() {
  std::vector<RequestLine> batch;
  for (;;) {
    bool last = false;
    {
      std::unique_lock lock(mu_);
      wake_.wait_for(lock, kFlushEvery, [this] { return stopping_; });
      batch.swap(queued_);
      last = stopping_;
    }
    if (!batch.empty()) write(batch);
    batch.clear();
    if (last) return;
  }
}

void RequestLog::write(const std::vector<RequestLine>& lines) {
  std::string out;
  out.reserve(lines.size() * 140);
  for (const auto& l : lines) {
    append_time(out, l.at);
    out += " request id=";
    out += l.id;
    out += " method=";
    out += l.method;
    out += " route=";
    out += l.route;
    out += " status=";
    out += std::to_string(l.status);
    char duration[32];
    std::snprintf(duration, sizeof duration, " duration_ms=%.3f",
                  std::chrono::duration<double, std::milli>(l.duration).count());
    out += duration;
    out += " bytes=";
    out += std::to_string(l.bytes);
    out += '\n';
  }
  std::string_view rest = out;
  while (!rest.empty()) {
    auto n = ::write(fd_, rest.data(), rest.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // a closed stderr: nothing to do about it here
    rest.remove_prefix(static_cast<std::size_t>(n));
  }
}

}  // namespace tracker::http
