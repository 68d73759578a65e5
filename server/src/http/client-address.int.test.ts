import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpSchool } from '../test/school.js';
import { startTestServer, type TestServer } from '../test/server.js';

/**
 * Per-address limits count the client that nginx saw, whatever the client
 * wrote into X-Forwarded-For itself, and IPv6 clients per /64. The test
 * plays nginx on 127.0.0.1: it appends the address it saw, as
 * `proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;` does.
 */
const limits = { perAccount: 100, perAddress: 3 };
let behindNginx: TestServer;
let direct: TestServer;
let attempt = 0;

beforeAll(async () => {
  behindNginx = await startTestServer({ env: { PARTA_TRUSTED_PROXIES: '127.0.0.1' }, loginLimits: limits });
  direct = await startTestServer({ loginLimits: limits });
  await Promise.all([setUpSchool(behindNginx), setUpSchool(direct)]);
});
afterAll(async () => {
  await behindNginx?.close();
  await direct?.close();
});

/** A wrong password for a fresh unknown login (so only the address is counted), forwarded for `chain`. */
async function failedLogin(server: TestServer, chain: string) {
  attempt += 1;
  const reply = await server.client().request(
    'POST',
    '/api/auth/login',
    { login: `guess-${attempt}`, password: 'wrong-password' },
    {
      'x-forwarded-for': chain,
    },
  );
  return reply.status;
}

describe('the client address behind a trusted proxy', () => {
  it('is the one the proxy saw, not the one the client wrote', async () => {
    for (const spoofed of ['203.0.113.1', '203.0.113.2', '203.0.113.3']) {
      expect(await failedLogin(behindNginx, `${spoofed}, 198.51.100.20`)).toBe(401);
    }
    expect(await failedLogin(behindNginx, '203.0.113.4, 198.51.100.20')).toBe(429);
    expect(await failedLogin(behindNginx, '198.51.100.21')).toBe(401);
  });

  it('counts IPv6 clients by their /64', async () => {
    for (const address of ['2001:db8:1:2::1', '2001:db8:1:2::ffff', '2001:db8:1:2:aaaa::5']) {
      expect(await failedLogin(behindNginx, address)).toBe(401);
    }
    expect(await failedLogin(behindNginx, '2001:db8:1:2:dead:beef::1')).toBe(429);
    expect(await failedLogin(behindNginx, '2001:db8:1:3::1')).toBe(401);
  });
});

describe('without trusted proxies (the default)', () => {
  it('ignores X-Forwarded-For: the client is whoever connected', async () => {
    for (const spoofed of ['203.0.113.1', '203.0.113.2', '203.0.113.3']) {
      expect(await failedLogin(direct, spoofed)).toBe(401);
    }
    expect(await failedLogin(direct, '203.0.113.99')).toBe(429);
  });
});
