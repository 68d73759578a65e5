import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { App } from './types.js';

/** The built web app (`web/dist`), next to the server in the repository. */
export const defaultWebDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web/dist');

/**
 * Serves the single-page app: its files, and `index.html` for every other
 * path that is not under /api, so links like /chats/5 or /reset/… open it.
 */
export async function installWeb(app: App, webDir: string): Promise<void> {
  if (!existsSync(path.join(webDir, 'index.html'))) {
    app.log.warn({ webDir }, 'web app not built: run `npm run build`; serving the API only');
    return;
  }
  // Source maps would publish the client's source: never served, even if a build left some.
  const allowedPath = (pathName: string) => !pathName.endsWith('.map');
  await app.register(fastifyStatic, {
    root: webDir,
    wildcard: false,
    index: false,
    maxAge: '1h',
    allowedPath,
  });
  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    const url = request.url.split('?')[0] ?? '/';
    if (url.startsWith('/api/')) return reply.callNotFound();
    const file = url.slice(1);
    if (file && !file.includes('..') && allowedPath(file) && existsSync(path.join(webDir, file))) {
      const immutable = file.startsWith('assets/');
      return reply.sendFile(file, { maxAge: immutable ? 365 * 24 * 3600 * 1000 : 0, immutable });
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
