// The staff pages' service worker (scope /staff): the scan station and its
// scripts stay on the device, so a phone that reloads the page without
// network still opens it, shows the scans waiting in its queue and sends
// them when the network returns. Only GET requests of our own origin are
// touched; the API is never cached.
const CACHE = 'tracker-staff-v1';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

// Network first for the station page (a fresh page and CSRF token when
// online), the last good copy when not.
async function stationPage(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok && !response.redirected) await cache.put('/staff', response.clone());
    return response;
  } catch (offline) {
    const copy = await cache.match('/staff');
    if (copy) return copy;
    throw offline;
  }
}

// Assets are versioned (?v=<hash>): a cached copy is always right.
async function asset(request) {
  const cache = await caches.open(CACHE);
  const copy = await cache.match(request);
  if (copy) return copy;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname === '/staff' && event.request.mode === 'navigate') {
    event.respondWith(stationPage(event.request));
  } else if (url.pathname.startsWith('/assets/') && url.searchParams.has('v')) {
    event.respondWith(asset(event.request));
  }
});
