import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// The web app of Shiyu: the console (web/index.html) for now; mobile/ and screen/ pages join as
// more inputs of this one Vite app. Built to web/dist, which the server serves with an SPA fallback.
const root = fileURLToPath(new URL('.', import.meta.url));
const api = process.env.SHIYU_API ?? 'http://localhost:3000';

export default defineConfig({
  root,
  base: '/',
  publicDir: 'public',
  plugins: [vue()],
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
      output: {
        // Large libraries in their own long-cached chunks; the map library only loads with the map view.
        codeSplitting: {
          groups: [
            { name: 'maplibre', test: /node_modules[\\/]maplibre-gl/, priority: 30 },
            { name: 'element-plus', test: /node_modules[\\/](element-plus|@element-plus|@floating-ui|@popperjs|lodash-es|@vueuse|dayjs|async-validator|memoize-one|normalize-wheel-es|@ctrl)/, priority: 20 },
            { name: 'vue', test: /node_modules[\\/](@vue|vue|vue-router|vue-i18n|@intlify)[\\/]/, priority: 10 },
          ],
        },
      },
    },
  },
});
