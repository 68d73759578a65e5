import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/server.js';

const webDir = mkdtempSync(path.join(os.tmpdir(), 'parta-web-'));
mkdirSync(path.join(webDir, 'assets'));
writeFileSync(
  path.join(webDir, 'index.html'),
  '<!doctype html><script type="module" src="/assets/app.js"></script>',
);
writeFileSync(path.join(webDir, 'assets', 'app.js'), 'console.log(1);\n//# sourceMappingURL=app.js.map');
writeFileSync(path.join(webDir, 'assets', 'app.js.map'), '{"version":3,"sources":["secret.tsx"]}');

let server: TestServer;
let https: TestServer;
beforeAll(async () => {
  server = await startTestServer({ env: { PARTA_WEB_DIR: webDir } });
  https = await startTestServer({ env: { PARTA_PUBLIC_URL: 'https://parta.school.example' } });
});
afterAll(async () => {
  await server?.close();
  await https?.close();
  rmSync(webDir, { recursive: true, force: true });
});

function expectBrowserHeaders(headers: Headers) {
  const csp = headers.get('content-security-policy') ?? '';
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toContain('unsafe-eval');
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.get('x-frame-options')).toBe('DENY');
  expect(headers.get('referrer-policy')).toBe('no-referrer');
}

describe('browser security headers', () => {
  it('every API answer, errors included, carries them and is never cached', async () => {
    for (const reply of [
      await server.client().get('/api/setup'),
      await server.client().get('/api/auth/me'),
      await server.client().post('/api/auth/login', { login: 'nobody', password: 'wrong-password' }),
      await server.client().get('/api/nothing-here'),
    ]) {
      expectBrowserHeaders(reply.headers);
      expect(reply.headers.get('cache-control')).toBe('no-store');
      expect(reply.headers.get('strict-transport-security')).toBeNull(); // not on plain http
    }
  });

  it('the page and its scripts carry them; source maps are not served', async () => {
    const page = await server.client().get('/chats/5');
    expect(page.status).toBe(200);
    expectBrowserHeaders(page.headers);
    const script = await server.client().get('/assets/app.js');
    expect(script.status).toBe(200);
    expectBrowserHeaders(script.headers);
    expect((await server.client().get('/assets/app.js.map')).status).toBe(404);
  });

  it('asks for HTTPS only (HSTS) when the public address is https', async () => {
    const reply = await https.client().get('/api/setup');
    expect(reply.headers.get('strict-transport-security')).toBe('max-age=31536000');
    expect(reply.headers.get('content-security-policy')).toContain(
      "connect-src 'self' wss://parta.school.example",
    );
  });
});
