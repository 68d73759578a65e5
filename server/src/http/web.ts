import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { App } from './types.js';

/** The built web app (`web/dist`), next to the server in the repository. */
export const defaultWebDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web/dist');

/** Files under /assets/ carry a hash of their content in their name: a new build gives new names. */
const HASHED = 'public, max-age=31536000, immutable';

/**
 * The CSP sources that allow the inline code of the built index.html and
 * nothing else inline: its `<style>` (the page shown before the scripts
 * arrive) and its `<script>` without `src` (asking who is here meanwhile),
 * one `'sha256-…'` per element, of its text exactly as built.
 */
export function inlineSources(webDir: string): { style: string[]; script: string[] } {
  const index = path.join(webDir, 'index.html');
  const html = existsSync(index) ? readFileSync(index, 'utf8') : '';
  const hashes = (pattern: RegExp) =>
    [...html.matchAll(pattern)].map(
      ([, text]) =>
        `'sha256-${createHash('sha256')
          .update(text ?? '', 'utf8')
          .digest('base64')}'`,
    );
  return { style: hashes(/<style>([\s\S]*?)<\/style>/g), script: hashes(/<script>([\s\S]*?)<\/script>/g) };
}

/**
 * Serves the single-page app: its files, and `index.html` for every other
 * path that is not under /api, so links like /chats/5 or /reset/… open it.
 *
 * The build leaves a brotli (`.br`) and a gzip (`.gz`) copy next to each text
 * file (web/vite.config.ts); the browser gets the one its Accept-Encoding
 * names, with the original's Content-Type, and the file as it is otherwise.
 * Hashed assets are cached for a year as they are; everything else (index.html,
 * the icon) is asked for again each time (`no-cache`: a 304 when unchanged),
 * so a new build reaches every phone on its next visit.
 */
export async function installWeb(app: App, webDir: string): Promise<void> {
  if (!existsSync(path.join(webDir, 'index.html'))) {
    app.log.warn({ webDir }, 'web app not built: run `npm run build`; serving the API only');
    return;
  }
  // Source maps would publish the client's source: never served, even if a build left some. The
  // compressed copies are served in place of their original, never under their own names.
  const allowedPath = (pathName: string) => !/\.(map|br|gz)$/.test(pathName);
  await app.register(fastifyStatic, {
    root: webDir,
    wildcard: false,
    index: false,
    preCompressed: true,
    cacheControl: false,
    allowedPath,
    setHeaders: (response, file) => {
      const hashed = path.relative(webDir, file).startsWith(`assets${path.sep}`);
      response.setHeader('cache-control', hashed ? HASHED : 'no-cache');
      response.setHeader('vary', 'accept-encoding');
    },
  });
  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    const url = request.url.split('?')[0] ?? '/';
    if (url.startsWith('/api/')) return reply.callNotFound();
    const file = url.slice(1);
    if (file && !file.includes('..') && allowedPath(file) && existsSync(path.join(webDir, file))) {
      return reply.sendFile(file);
    }
    return reply.sendFile('index.html');
  });
}
