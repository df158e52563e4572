#pragma once
// Store::write as an Asio awaitable: the coroutine resumes on its own
// executor once the job's transaction has committed (or failed).
// job is taken by rvalue reference: pass a named std::function with
// std::move, never a lambda. GCC 12 destroys some temporaries of a co_await
// full-expression twice; a temporary std::function built here crashed.
#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <memory>

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

}  // namespace tracker::store
