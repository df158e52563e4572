#pragma once
// Blocking work (password hashing, PDF rendering, photo decoding, report
// queries) off the I/O threads: run_on() runs it on a thread pool and
// resumes the awaiting coroutine on its own executor. Header-only; its
// library (tracker_executor) only carries the Asio dependency.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <optional>

namespace tracker::executor {

// Runs work() on the pool and resumes the caller on its own executor with
// the result (an exception thrown by work is rethrown to the caller).
// co_spawn, not post(pool, use_awaitable): a bare post hands the
// resumption to the coroutine's own executor, so the work would stay on
// the I/O thread.
template <class F>
auto run_on(boost::asio::thread_pool& pool, F& work) -> boost::asio::awaitable<decltype(work())> {
  using T = decltype(work());
  // Carried in an optional: co_spawn's completion needs a default-constructible value.
  auto task = [&work]() -> boost::asio::awaitable<std::optional<T>> { co_return std::optional<T>(work()); };
  auto result = co_await boost::asio::co_spawn(pool, task, boost::asio::use_awaitable);
  co_return std::move(*result);
}

}  // namespace tracker::executor
