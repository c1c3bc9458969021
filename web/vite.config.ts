// Vite config: SvelteKit plus the PWA plugin. The service worker precaches the built app shell
// only; it must never cache /api/ responses (data is network-only: stale data can be worse than none).
import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig, type Plugin } from 'vite';

const THEME = '#0b2545';

// Chart.js is for the analytics pages only (loaded when a chart is drawn): the service worker does
// not precache its chunk, so a phone whose user never opens those pages never downloads it. Kit
// bundles the client in a second Vite build that loads this file afresh, so the list is kept on
// globalThis for the worker's build to read.
const shared = globalThis as typeof globalThis & { mastNotPrecached?: string[] };
const notPrecached = (shared.mastNotPrecached ??= []);
const chartsNotPrecached: Plugin = {
  name: 'mast:charts-not-precached',
  apply: 'build',
  generateBundle(_options, bundle) {
    for (const chunk of Object.values(bundle)) {
      if (chunk.type === 'chunk' && chunk.moduleIds.some((id) => /[\\/]node_modules[\\/](chart\.js|@kurkle[\\/]color)[\\/]/.test(id))) {
        notPrecached.push(`client/${chunk.fileName}`);
      }
    }
  },
};

export default defineConfig({
  plugins: [
    sveltekit(),
    chartsNotPrecached,
    SvelteKitPWA({
      registerType: 'autoUpdate',
      // The worker lives at /sw.js and controls the whole app. Left to Kit's relative paths, it
      // was registered as ./sw.js, so a first page at /address/123 asked for /address/sw.js.
      base: '/',
      scope: '/',
      // Registered by the root layout (src/lib/pwa.ts): Kit writes index.html, so nothing is injected.
      injectRegister: false,
      strategies: 'generateSW',
      manifest: {
        name: 'mast',
        short_name: 'mast',
        description: 'Multi-Agency Safeguarding Tracker: who else is involved at this address, and whom to call.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        theme_color: THEME,
        background_color: THEME,
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      kit: { adapterFallback: 'index.html', spa: true },
      workbox: {
        globPatterns: ['client/**/*.{js,css,ico,png,svg,webmanifest}'],
        // Filled in as the client is bundled (chartsNotPrecached), read when the worker is written.
        globIgnores: notPrecached,
        navigateFallback: 'index.html',
        // API paths are never answered from the cache, not even navigations to them; nor are
        // files (/robots.txt): only the app's own routes are the app, as on the server.
        navigateFallbackDenylist: [/^\/api\//, /^\/_app\//, /^[^?]*\/[^/?]*\.[^/?]*(?:\?|$)/],
        runtimeCaching: [],
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
      },
      devOptions: { enabled: false },
    }),
  ],
  server: {
    // `vite dev` talks to a locally running API server.
    proxy: { '/api': { target: process.env.MAST_API ?? 'http://127.0.0.1:3000', changeOrigin: false } },
  },
});
