#pragma once
// Store::write as an Asio awaitable: the coroutine resumes on its own
// executor once the job's transaction has committed (or failed).
// job is taken by rvalue reference: pass a named std::function with
// std::move, never a lambda. GCC 12 destroys some temporaries of a co_await
// full-expression twice; a temporary std::function built here crashed.
#include <boost/asio/async_result.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <memory>
#include <optional>

#include "tracker/store/store.hpp"

namespace tracker::store {

template <class T>
boost::asio::awaitable<domain::Result<T>> write_async(Store& store,
                                                      std::function<domain::Result<T>(Tx&)>&& job) {
  namespace asio = boost::asio;
  return asio::async_initiate<const asio::use_awaitable_t<>&, void(domain::Result<T>)>(
      [&store, job = std::move(job)](auto handler) mutable {
        auto ex = asio::get_associated_executor(handler);
        auto h = std::make_shared<decltype(handler)>(std::move(handler));
        store.write<T>(std::move(job), [h, ex](domain::Result<T> r) {
          asio::post(ex, [h, r = std::move(r)]() mutable { (*h)(std::move(r)); });
        });
      },
      asio::use_awaitable);
}

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

}  // namespace tracker::store
