import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { mobileServiceWorker } from './src/mobile/sw/mobile-sw-plugin.ts';

// The web app of Shiyu: the console (web/index.html) for now; mobile/ and screen/ pages join as
// more inputs of this one Vite app. Built to web/dist, which the server serves with an SPA fallback.
const root = fileURLToPath(new URL('.', import.meta.url));
const api = process.env.SHIYU_API ?? 'http://localhost:3000';

export default defineConfig({
  root,
  base: '/',
  publicDir: 'public',
  plugins: [vue(), {
    // The dev server serves the phone pages at /m and /m/* like the real server does.
    name: 'shiyu-mobile-fallback',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        if (req.url && /^\/m(\/|\?|$)/.test(req.url) && !/\.\w+(\?|$)/.test(req.url)) req.url = '/mobile.html';
        next();
      });
    },
  },
  // dist/m-sw.js: the phone page's app shell for a reload without network (scope /m).
  mobileServiceWorker({ entry: 'mobile', html: 'mobile.html', publicFiles: ['favicon.svg'] })],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  define: {
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: api, changeOrigin: false },
      '/docs': { target: api, changeOrigin: false },
    },
  },
  preview: { port: 4173, proxy: { '/api': api, '/docs': api } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      // Two pages: the console (index.html) and the grid worker's phone page 社工E通 (mobile.html, served at /m).
      input: { console: fileURLToPath(new URL('./index.html', import.meta.url)), mobile: fileURLToPath(new URL('./mobile.html', import.meta.url)) },
      output: {
        // Large libraries in their own long-cached chunks; the map library only loads with the map view.
        codeSplitting: {
          groups: [
            { name: 'maplibre', test: /node_modules[\\/]maplibre-gl/, priority: 30 },
            { name: 'element-plus', test: /node_modules[\\/](element-plus|@element-plus|@floating-ui|@popperjs|lodash-es|@vueuse|dayjs|async-validator|memoize-one|normalize-wheel-es|@ctrl)/, priority: 20 },
            // Highest priority: otherwise the element-plus group takes Vue itself along and the phone page loads it too.
            { name: 'vue', test: /node_modules[\\/](@vue|vue|vue-router|vue-i18n|@intlify)[\\/]/, priority: 40 },
          ],
        },
      },
    },
  },
});
