import { readFileSync } from 'node:fs';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

// Both shells (app:// and the web server) send the CSP as a header; the meta tag is a
// second line of defence for a build opened any other way. Not in dev: Vite's client injects inline code.
const contentSecurityMeta = (): Plugin => ({
  name: 'commonplace-csp-meta',
  apply: 'build',
  async transformIndexHtml() {
    const { contentSecurityPolicy } = await import('./electron/services/contentSecurity.js');
    // frame-ancestors is ignored (and warned about) in a meta tag.
    const policy = contentSecurityPolicy.replace(/; frame-ancestors [^;]+/, '');
    return [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: policy }, injectTo: 'head-prepend' }];
  },
});

export default defineConfig({
  root: 'renderer',
  base: '/',
  plugins: [
    react(),
    contentSecurityMeta(),
    // The browser build opens with no network: a service worker precaches the app shell
    // (HTML, scripts, styles, fonts, icons, the export and import workers). Nothing is cached
    // at run time, so nothing from another origin is ever kept. main.tsx registers it, only
    // over http(s): the desktop app serves the same files from app:// and needs none.
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      manifest: {
        name: 'Commonplace',
        short_name: 'Commonplace',
        description: 'A local-first place for communities of practice.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#f7f5f0',
        theme_color: '#1f5f7a',
        icons: [{ src: '/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
      },
      workbox: {
        globPatterns: ['**/*.{html,js,mjs,css,svg,png,ico,woff2,webmanifest}'],
        // The editor and exporters are large chunks; an app shell missing one would open offline and then fail.
        maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
        navigateFallback: '/index.html',
        runtimeCaching: [],
        cleanupOutdatedCaches: true,
        // The first version takes charge of the page that installed it, so it opens offline from the next load.
        clientsClaim: true,
      },
    }),
  ],
  define: { __APP_VERSION__: JSON.stringify(version) },
  build: { outDir: '../dist/renderer', emptyOutDir: true, target: 'es2022', sourcemap: true },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
});
