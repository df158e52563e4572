#pragma once
// What the tracking services answer: a Result, or an awaitable Result for
// writes (complete after their transaction committed).
#include <boost/asio/awaitable.hpp>

#include "tracker/domain/result.hpp"

namespace tracker::tracking {

using domain::Result;
template <class T>
using Task = boost::asio::awaitable<Result<T>>;

}  // namespace tracker::tracking
