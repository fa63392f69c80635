import { readFileSync } from 'node:fs';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

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
  plugins: [react(), contentSecurityMeta()],
  define: { __APP_VERSION__: JSON.stringify(version) },
  build: { outDir: '../dist/renderer', emptyOutDir: true, target: 'es2022', sourcemap: true },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
});
