// LandWatch service worker (scope /). It keeps the app shell, so the site opens without a network (the
// field app, #/field), and answers imagery tiles from the cache the field app fills at 下载任务. API
// answers are never cached here: the field app keeps its tasks and drafts in IndexedDB itself, and
// changes (POST, DELETE) always go to the server.

// Bump to drop the old shell cache on activation (the shell itself is found anew at every install).
const shellCache = 'landwatch-shell-v1';
// Filled by field-download.js (the same name is written there).
const tileCache = 'landwatch-tiles';
// What no page links or imports: the larger icon and the images leaflet.css names.
const unlinkedFiles = ['/icons/icon-512.png', ...['layers.png', 'layers-2x.png', 'marker-icon.png', 'marker-icon-2x.png', 'marker-shadow.png']
  .map((name) => `/vendor/leaflet/images/${name}`)];
// A weak signal in the field should not hold the page: after this long the cached copy answers.
const networkPatienceMs = 3000;

self.addEventListener('install', (event) => {
  event.waitUntil(precacheShell().then(() => self.skipWaiting()));
});

/// The app shell: index.html, what it links, and every module reachable from there through static
/// imports, found by reading them, so a new page module is kept without anyone listing it here. Any
/// file missing fails the install (the old worker stays and the next visit tries again).
async function precacheShell() {
  const cache = await caches.open(shellCache);
  const seen = new Set();
  const visit = async (path) => {
    if (seen.has(path)) return;
    seen.add(path);
    const response = await fetch(path, { cache: 'no-cache' });
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
    await cache.put(path, response.clone());
    const text = path === '/' || path.endsWith('.js') ? await response.text() : '';
    const found = path === '/'
      ? [...text.matchAll(/(?:href|src)="(\/[^"]+)"/g)].map((m) => m[1])
      : [...text.matchAll(/(?:import|export)\s[^'";]*?from\s*['"]([./][^'"]+\.js)['"]/g)].map((m) => new URL(m[1], self.location.origin + path).pathname);
    await Promise.all(found.map(visit));
  };
  await visit('/');
  await cache.addAll(unlinkedFiles);
}

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((names) => Promise.all(names.filter((n) => n.startsWith('landwatch-shell-') && n !== shellCache).map((n) => caches.delete(n))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (/^\/api\/imagery\/[^/]+\/tiles\//.test(url.pathname)) event.respondWith(tile(request));
  else if (!url.pathname.startsWith('/api/') && url.pathname !== '/metrics' && url.pathname !== '/healthz') event.respondWith(shell(request));
});

/// Downloaded tiles from the cache; others from the network (online, the map still shows everything).
async function tile(request) {
  return (await caches.match(request, { cacheName: tileCache })) || fetch(request);
}

/// Network first, so a deployed change shows at once and the cache follows it; the cached copy when the
/// network fails or is slow. Every page (any #route) is the one index.html, cached as '/'.
async function shell(request) {
  const cache = await caches.open(shellCache);
  const key = request.mode === 'navigate' ? '/' : request;
  const network = fetch(request).then(async (response) => {
    if (response.ok) await cache.put(key, response.clone());
    return response;
  });
  const cached = await cache.match(key);
  if (!cached) return network;
  const patience = new Promise((resolve) => { setTimeout(() => resolve(cached), networkPatienceMs); });
  return Promise.race([network.catch(() => cached), patience]);
}
