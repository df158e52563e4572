#pragma once
// Progress of long command-line work, for the person at the terminal: one
// line on stderr redrawn in place ("backup: 42 % (112 of 266 MiB)"), at most
// ten times a second, finished with a newline. Silent when stderr is not a
// terminal (a systemd timer, a pipe, a test): the result lines on stdout are
// what scripts read.
#include <chrono>
#include <cstdint>
#include <string>

namespace tracker::cli {

class Progress {
 public:
  explicit Progress(std::string what);
  // Ends the line if anything was drawn.
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void bytes(std::uint64_t done, std::uint64_t total);
  void count(std::uint64_t done, std::uint64_t total, const char* unit);
  // A step without a measure ("applying 008_health_probe").
  void step(const std::string& text);

 private:
  void draw(const std::string& text, bool force);

  std::string what_;
  bool terminal_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace tracker::cli
