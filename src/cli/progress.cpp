#include "progress.hpp"

#include <unistd.h>

#include <cstdio>

namespace tracker::cli {
namespace {

std::string percent(std::uint64_t done, std::uint64_t total) {
  if (total == 0) return "";
  return std::to_string(done >= total ? 100 : done * 100 / total) + " % ";
}

}  // namespace

Progress::Progress(std::string what) : what_(std::move(what)), terminal_(::isatty(STDERR_FILENO) == 1) {}

Progress::~Progress() {
  if (drawn_) std::fputs("\n", stderr);
}

void Progress::bytes(std::uint64_t done, std::uint64_t total) {
  constexpr std::uint64_t kMiB = 1 << 20;
  draw(percent(done, total) + "(" + std::to_string(done / kMiB) + " of " + std::to_string((total + kMiB - 1) / kMiB) +
           " MiB)",
       done == total);
}

void Progress::count(std::uint64_t done, std::uint64_t total, const char* unit) {
  draw(percent(done, total) + "(" + std::to_string(done) + " of " + std::to_string(total) + " " + unit + ")",
       done == total);
}

void Progress::step(const std::string& text) { draw(text, true); }

void Progress::draw(const std::string& text, bool force) {
  if (!terminal_) return;
  auto now = std::chrono::steady_clock::now();
  if (!force && drawn_ && now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  drawn_ = true;
  // \r and "erase to the end of the line": a shorter text leaves no tail.
  std::fprintf(stderr, "\r%s: %s\x1b[K", what_.c_str(), text.c_str());
  std::fflush(stderr);
}

}  // namespace tracker::cli
