import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

const protocol = decodeURIComponent(new URL('../protocol/src/index.ts', import.meta.url).pathname);

/**
 * The browser client. `@parta/protocol` is read from its TypeScript source so
 * the wire schemas are bundled (and tree-shaken) without building it first;
 * preset-vite aliases `react` to `preact/compat` for virtua.
 */
export default defineConfig({
  plugins: [preact({ devToolsEnabled: false, prefreshEnabled: true })],
  resolve: { alias: { '@parta/protocol': protocol } },
  // No source maps in the build: the server would publish them (for a debugging build: `vite build --sourcemap`).
  build: { target: 'es2020', sourcemap: false, reportCompressedSize: true, chunkSizeWarningLimit: 300 },
  server: {
    proxy: { '/api': { target: 'http://127.0.0.1:3000', ws: true } },
  },
});
