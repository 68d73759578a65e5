import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordErrorCode } from '../test/error-codes.js';
import { startTestServer, type TestServer } from '../test/server.js';

/**
 * With PARTA_PUBLIC_URL set, a request for another host gets nothing: a page
 * of another name that resolves to the school's server (DNS rebinding)
 * cannot talk to Parta from a teacher's browser.
 */
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ env: { PARTA_PUBLIC_URL: 'https://parta.school.example' } });
});
afterAll(() => server?.close());

function get(host: string): Promise<{ status: number; body: string }> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const request = http.get(
      { host: '127.0.0.1', port, path: '/api/setup', headers: { host } },
      (response) => {
        let body = '';
        response.setEncoding('utf8').on('data', (chunk: string) => {
          body += chunk;
        });
        response.on('end', () => {
          // This request goes around the test client (it sets Host), so it notes its error code itself.
          if (response.statusCode !== 200) recordErrorCode(JSON.parse(body).error.code);
          resolve({ status: response.statusCode ?? 0, body });
        });
      },
    );
    request.on('error', reject);
  });
}

describe('the Host header', () => {
  it('answers 421 with the school’s address for another host', async () => {
    for (const host of ['evil.example', 'parta.school.example.evil.example', '192.168.1.10:3000']) {
      const reply = await get(host);
      expect(reply.status, host).toBe(421);
      expect(JSON.parse(reply.body).error).toMatchObject({
        code: 'request.wrong_host',
        message: 'Парта этой школы открывается по адресу https://parta.school.example.',
      });
    }
  });

  it('answers its own host and the machine itself', async () => {
    for (const host of [
      'parta.school.example',
      'PARTA.school.example',
      `127.0.0.1:${new URL(server.url).port}`,
      'localhost',
    ]) {
      expect((await get(host)).status, host).toBe(200);
    }
  });
});
