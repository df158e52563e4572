#pragma once
// Runs a service call (an Asio awaitable) to completion on a private
// io_context, for in-process tests; an exception thrown by the call comes
// out of here.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <exception>
#include <optional>

namespace tracker::test {

template <class T>
T run_to_completion(boost::asio::awaitable<T> task) {
  boost::asio::io_context io;
  std::optional<T> out;
  auto wrapper = [&]() -> boost::asio::awaitable<void> { out.emplace(co_await std::move(task)); };
  boost::asio::co_spawn(io, wrapper, [](std::exception_ptr e) {
    if (e) std::rethrow_exception(e);
  });
  io.run();
  return std::move(*out);
}

}  // namespace tracker::test
