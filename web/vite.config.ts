import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import preact from '@preact/preset-vite';
import { defineConfig, type Plugin } from 'vite';

const protocol = decodeURIComponent(new URL('../protocol/src/index.ts', import.meta.url).pathname);

/** What is worth compressing: text. Images other than SVG and fonts are compressed already. */
const compressible = /\.(js|mjs|css|html|svg|json|webmanifest|txt)$/;

/**
 * Brotli (`.br`) and gzip (`.gz`) copies next to every text file of the
 * build, made once here at the highest levels, so the server sends them as
 * they are (`@fastify/static` `preCompressed`) instead of compressing on
 * every request or not at all. A copy that would not be smaller is not made.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'parta-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      const walk = (dir: string): string[] =>
        readdirSync(dir).flatMap((name) => {
          const file = path.join(dir, name);
          return statSync(file).isDirectory() ? walk(file) : [file];
        });
      for (const file of walk(outDir).filter((name) => compressible.test(name))) {
        const raw = readFileSync(file);
        const br = brotliCompressSync(raw, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
            [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
          },
        });
        const gz = gzipSync(raw, { level: constants.Z_BEST_COMPRESSION });
        if (br.length < raw.length) writeFileSync(`${file}.br`, br);
        if (gz.length < raw.length) writeFileSync(`${file}.gz`, gz);
      }
    },
  };
}

/**
 * An invite link opens the join page: its chunk (and what only it needs) is
 * fetched together with the app's first chunks instead of after them, by
 * `<link rel="modulepreload">`s that index.html's early script adds on
 * `/join/…` only. This fills in their names, known once the bundle is written.
 */
function preloadJoinPage(): Plugin {
  return {
    name: 'parta-preload-join-page',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        const chunks = Object.values(context.bundle ?? {}).flatMap((file) =>
          file.type === 'chunk' ? [file] : [],
        );
        const join = chunks.find((chunk) => chunk.facadeModuleId?.endsWith('/screens/join/index.ts'));
        if (!join) throw new Error('no chunk for the join page (web/src/screens/join/index.ts)');
        const files = [join.fileName, ...join.imports, ...(join.viteMetadata?.importedCss ?? [])].filter(
          (file) => !html.includes(file),
        );
        return html.replace('[/*JOIN_PAGE_FILES*/]', JSON.stringify(files));
      },
    },
  };
}

/**
 * The browser client. `@parta/protocol` is read from its TypeScript source so
 * the wire schemas are bundled (and tree-shaken) without building it first;
 * preset-vite aliases `react` to `preact/compat` for virtua.
 */
export default defineConfig({
  plugins: [preact({ devToolsEnabled: false, prefreshEnabled: true }), preloadJoinPage(), precompress()],
  resolve: { alias: { '@parta/protocol': protocol } },
  // No source maps in the build: the server would publish them (for a debugging build: `vite build --sourcemap`).
  build: {
    target: 'es2020',
    sourcemap: false,
    reportCompressedSize: true,
    chunkSizeWarningLimit: 300,
    // The first load in one file (what the entry imports, with zod and the schemas it uses): on a slow
    // link every request that queues behind Chromium's six connections a server costs a round trip.
    rolldownOptions: { output: { codeSplitting: { groups: [{ name: 'app', tags: ['$initial'] }] } } },
  },
  server: {
    proxy: { '/api': { target: 'http://127.0.0.1:3000', ws: true } },
  },
});
