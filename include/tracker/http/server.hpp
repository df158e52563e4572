#pragma once
// The HTTP server: listener, sessions, route table. Construct with the
// services, call start() to bind, run() on the calling thread plus
// threads-1 more; a signal or stop() shuts down gracefully: stop accepting,
// finish in-flight requests, close idle connections, return from run().
#include <cstdint>
#include <memory>

#include "tracker/http/services.hpp"

namespace tracker::http {

class Server {
 public:
  Server(Services services, ServerOptions options);
  ~Server();

  // Binds and listens; returns the port. Throws when the address is taken.
  std::uint16_t start();
  // Serves until SIGINT/SIGTERM or stop(), then drains and returns.
  void run();
  void stop();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tracker::http
