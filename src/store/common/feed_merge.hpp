#pragma once
// The events feed of every backend: two streams (scans and agency
// statuses), each read in its own commit order within a window, merged by
// recorded_at into one page with a cursor per stream. Private to src/store.
#include <cstdint>
#include <vector>

#include "tracker/store/records.hpp"

namespace tracker::store::feed {

// One stream of the feed: its rows after the reader's position within the
// window, and where a reader resumes when every one of them is taken.
struct Stream {
  std::vector<FeedRow> rows;
  std::int64_t end = 0;  // a short answer examined the window: resume after it
  bool full = false;     // as many rows as asked: resume after the last taken
};

// The window a stream examines: after `after`, at most q.window seqs, not
// past `last` (the stream's highest seq).
inline std::int64_t window_end(const FeedQuery& q, std::int64_t after, std::int64_t last) {
  auto end = after + q.window < last ? after + q.window : last;
  return end > after ? end : after;
}

// Merges by recorded_at (a scan first on a tie); each stream keeps its order.
FeedPage merge(const FeedQuery& q, Stream events, Stream statuses);

}  // namespace tracker::store::feed
