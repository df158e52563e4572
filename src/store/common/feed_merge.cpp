#include "feed_merge.hpp"

namespace tracker::store::feed {

FeedPage merge(const FeedQuery& f, Stream events, Stream statuses) {
  FeedPage page;
  FeedPosition at = f.after;
  std::size_t e = 0, d = 0;
  while (static_cast<int>(page.items.size()) < f.limit && (e < events.rows.size() || d < statuses.rows.size())) {
    bool take_event = d == statuses.rows.size() ||
                      (e < events.rows.size() && events.rows[e].recorded_at <= statuses.rows[d].recorded_at);
    FeedRow row = std::move(take_event ? events.rows[e++] : statuses.rows[d++]);
    (take_event ? at.event_seq : at.status_seq) = row.seq;
    row.cursor = at;
    page.items.push_back(std::move(row));
  }
  // A stream whose rows were all taken and that answered short examined its
  // whole window: resume after the window (never before the reader's position).
  if (e == events.rows.size() && !events.full) at.event_seq = events.end;
  if (d == statuses.rows.size() && !statuses.full) at.status_seq = statuses.end;
  page.next = at;
  return page;
}

}  // namespace tracker::store::feed
