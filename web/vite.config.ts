import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run dev -w web`: hot reload here, the API from a running gateway (npm start) behind the proxy,
// so the page, /graphql and its WebSocket share one origin as they do when the gateway serves the build.
const gateway = process.env.STUDBOOK_GATEWAY_URL ?? 'http://localhost:4000';

export default defineConfig({
  plugins: [react()],
  // The root workspace keeps React 18 for GraphiQL; the app and every library it bundles use this workspace's React 19.
  resolve: { dedupe: ['react', 'react-dom'] },
  server: { proxy: { '/graphql': { target: gateway, ws: true } } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // No inline scripts or data: URLs for modules: the gateway's CSP allows scripts from 'self' only.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    // The budget that matters is gzipped initial JavaScript (<= 250 kB), checked by tests/web/bundle-budget.int.test.ts.
    chunkSizeWarningLimit: 800,
  },
});
