// Registers the app-shell service worker (built to /m-sw.js by mobile-sw-plugin.ts) for /m, so a
// reload without network still opens the page. Only in a build: the dev server has no m-sw.js.
// Browsers allow it on https and on localhost only; on plain http the page works online as before.
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/m-sw.js', { scope: '/m' }).catch(() => undefined);
  });
}
