import type { Config } from '../config.js';
import { AppError } from '../infra/errors.js';
import type { App } from './types.js';

const loopback = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * With PARTA_PUBLIC_URL set, Parta answers only requests for that host, and
 * for loopback (a health check on the machine itself). A page of another
 * name that resolves to the school's server (DNS rebinding) gets nothing.
 * Without the setting a trial on a school's network keeps working by address.
 */
export function installHostCheck(app: App, config: Pick<Config, 'publicUrl' | 'checkHost'>): void {
  if (!config.checkHost) return;
  const publicHost = new URL(config.publicUrl).host.toLowerCase();
  app.addHook('onRequest', async (request) => {
    const host = request.host.toLowerCase();
    if (host === publicHost || loopback.has(request.hostname.toLowerCase())) return;
    throw new AppError('request.wrong_host', { url: config.publicUrl });
  });
}
