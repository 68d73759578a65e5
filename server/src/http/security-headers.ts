import type { App } from './types.js';

/**
 * Headers that tell the browser what this app may do (OWASP ASVS V14.4):
 * scripts, styles and connections only from this server (inline only the
 * code of index.html, each piece named by its hash: `inline`), no eval,
 * no framing, no MIME sniffing, no Referer with a one-time link in it
 * leaving the page, and API answers — personal data — never stored in a
 * cache. HSTS only when the public address is https: on plain http it would
 * lock browsers out of a school's test server.
 */
export function installSecurityHeaders(
  app: App,
  publicUrl: string,
  inline: { style: string[]; script: string[] } = { style: [], script: [] },
): void {
  const origin = new URL(publicUrl);
  const socketOrigin = `${origin.protocol === 'https:' ? 'wss:' : 'ws:'}//${origin.host}`;
  const policy = [
    "default-src 'self'",
    ["script-src 'self'", ...inline.script].join(' '),
    ["style-src 'self'", ...inline.style].join(' '),
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    "font-src 'self'",
    `connect-src 'self' ${socketOrigin}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  const headers: Record<string, string> = {
    'content-security-policy': policy,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    ...(origin.protocol === 'https:' ? { 'strict-transport-security': 'max-age=31536000' } : {}),
  };
  app.addHook('onRequest', async (request, reply) => {
    reply.headers(headers);
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });
}
