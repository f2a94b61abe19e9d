/* 社工E通 app-shell service worker, scope /m (registered by register.ts).
 * Not bundled: mobile-sw-plugin.ts writes it to dist/m-sw.js at build time with BUILD in front:
 * { version, core, lazy } — the files of the phone page (mobile.html and its hashed chunks).
 * So a reload with no network still opens the page; the drafts and data are in IndexedDB. */
/* global BUILD */
const PREFIX = 'shiyu-m-';
const CACHE = PREFIX + BUILD.version;
const SHELL = '/mobile.html';
const fresh = (url) => new Request(url, { cache: 'reload' }); // past the HTTP cache of an older deploy

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await cache.addAll(BUILD.core.map(fresh));
    // On-demand chunks (the map library): wanted offline, not worth failing the install for.
    await Promise.all(BUILD.lazy.map((url) => cache.add(fresh(url)).catch(() => undefined)));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  // /api/ is never cached here: the app keeps its own copy of the data, per user, in IndexedDB.
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (req.mode === 'navigate') {
    if (/^\/m(\/|$)/.test(url.pathname)) event.respondWith(networkFirst(req));
    return;
  }
  if (url.pathname.startsWith('/assets/') || BUILD.core.includes(url.pathname)) event.respondWith(cacheFirst(req));
});

/** Pages: the server's answer when there is one (it may be a newer deploy), else the cached shell. */
async function networkFirst(req) {
  try {
    const res = await fetch(req);
    if (res.status < 500) return res;
    return (await caches.match(SHELL, { cacheName: CACHE })) ?? res;
  } catch (err) {
    const shell = await caches.match(SHELL, { cacheName: CACHE });
    if (shell) return shell;
    throw err;
  }
}

/** Hashed files never change content: the cached copy, else the network (kept for next time). */
async function cacheFirst(req) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(req);
  if (hit) return hit;
  const res = await fetch(req);
  if (res.ok && new URL(req.url).pathname.startsWith('/assets/')) await cache.put(req, res.clone());
  return res;
}
