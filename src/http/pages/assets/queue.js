// The offline queue of the scan station: scans kept in localStorage (they
// survive a reload or a flat battery) with the event id and time they were
// made, sent through POST /api/v1/scans/batch when the network returns.
// The server is idempotent on event_id, so sending an item twice (a reply
// lost on the way back) records it once.

const KEY = 'tracker.scan-queue.v1';
const BATCH = 500;  // the batch endpoint's limit

export function load() {
  try {
    const items = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(items) ? items : [];
  } catch {
    return [];
  }
}

function save(items) { localStorage.setItem(KEY, JSON.stringify(items)); }

export function size() { return load().length; }

export function push(scan) {
  const items = load();
  items.push(scan);
  save(items);
}

let syncing = false;

// Sends what waits, oldest first. onResult(eventId, status, problem) is
// called for each item the server answered; an item it answered (recorded,
// duplicate, or refused for good) leaves the queue. Network errors and 5xx
// keep everything for the next try. Returns { waiting, reached }: how many
// still wait, and whether the server answered at all.
export async function sync(api, onResult) {
  if (syncing) return { waiting: size(), reached: true };
  syncing = true;
  try {
    for (;;) {
      const items = load();
      if (items.length === 0) return { waiting: 0, reached: true };
      const batch = items.slice(0, BATCH);
      let answer;
      try {
        answer = await api('POST', '/api/v1/scans/batch', { scans: batch });
      } catch {
        return { waiting: items.length, reached: false };  // still offline
      }
      if (answer.status !== 200 || !Array.isArray(answer.body?.results)) return { waiting: items.length, reached: true };
      const done = new Set();
      // Results come in the order of the batch, one per item.
      answer.body.results.forEach((r, i) => {
        if (i >= batch.length || r.status >= 500) return;
        const id = batch[i].event_id;
        done.add(id);
        onResult(id, r.status, r.error);
      });
      // Re-read: scans made while the batch was on its way stay queued.
      save(load().filter((s) => !done.has(s.event_id)));
      if (done.size === 0) return { waiting: size(), reached: true };
    }
  } finally {
    syncing = false;
  }
}
