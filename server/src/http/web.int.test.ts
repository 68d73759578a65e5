import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/server.js';

// A build as web/vite.config.ts leaves it: hashed assets with their .br and .gz copies.
const script = `export const words = ${JSON.stringify('Родительское собрание в четверг. '.repeat(200))};\n`;
const style = 'body { margin: 0 }\n'.repeat(100);
const inlineStyle = '\n      html { background: #f4f5f7; }\n    ';
const inlineScript = '\n      window.partaEarly = [];\n    ';
const index = `<!doctype html><html lang="ru"><head><script>${inlineScript}</script><style>${inlineStyle}</style>
<script type="module" crossorigin src="/assets/index-Ab12Cd34.js"></script></head>
<body><div id="app"><p>Parta</p></div></body></html>`;

const webDir = mkdtempSync(path.join(os.tmpdir(), 'parta-web-'));
mkdirSync(path.join(webDir, 'assets'));
const files: Record<string, string> = {
  'index.html': index,
  'assets/index-Ab12Cd34.js': script,
  'assets/index-Ef56Gh78.css': style,
};
for (const [name, text] of Object.entries(files)) {
  writeFileSync(path.join(webDir, name), text);
  writeFileSync(path.join(webDir, `${name}.br`), brotliCompressSync(text));
  writeFileSync(path.join(webDir, `${name}.gz`), gzipSync(text));
}
writeFileSync(path.join(webDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ env: { PARTA_WEB_DIR: webDir } });
});
afterAll(async () => {
  await server?.close();
  rmSync(webDir, { recursive: true, force: true });
});

/** A GET as a browser (or curl) sends it, with exactly this Accept-Encoding, and the body as it came. */
function get(
  url: string,
  acceptEncoding?: string,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const headers = acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding };
    http
      .get(`${server.url}${url}`, { headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks),
          }),
        );
        response.on('error', reject);
      })
      .on('error', reject);
  });
}

describe('the web app on a slow connection', () => {
  it('sends a hashed script brotli-compressed to a browser that accepts it, cached for a year', async () => {
    const reply = await get('/assets/index-Ab12Cd34.js', 'gzip, deflate, br, zstd');
    expect(reply.status).toBe(200);
    expect(reply.headers['content-encoding']).toBe('br');
    expect(reply.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(reply.headers.vary?.toLowerCase()).toContain('accept-encoding');
    expect(Number(reply.headers['content-length'])).toBe(reply.body.length);
    expect(reply.body.length).toBeLessThan(Buffer.byteLength(script) / 10);
    expect(brotliDecompressSync(reply.body).toString('utf8')).toBe(script);
    expect(reply.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('sends gzip to a browser without brotli, and the file as it is to one that names neither', async () => {
    const gzipped = await get('/assets/index-Ef56Gh78.css', 'gzip, deflate');
    expect(gzipped.status).toBe(200);
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers['content-type']).toMatch(/^text\/css/);
    expect(gzipped.headers.vary?.toLowerCase()).toContain('accept-encoding');
    expect(Number(gzipped.headers['content-length'])).toBe(gzipped.body.length);
    expect(gunzipSync(gzipped.body).toString('utf8')).toBe(style);
    expect(gzipped.headers['cache-control']).toBe('public, max-age=31536000, immutable');

    for (const acceptEncoding of [undefined, 'identity']) {
      const plain = await get('/assets/index-Ab12Cd34.js', acceptEncoding);
      expect(plain.status).toBe(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.headers.vary?.toLowerCase()).toContain('accept-encoding');
      expect(plain.body.toString('utf8')).toBe(script);
      expect(Number(plain.headers['content-length'])).toBe(Buffer.byteLength(script));
      expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    }
  });

  it('asks again for index.html every time (no-cache), on any address of the app, compressed too', async () => {
    for (const url of ['/', '/login', '/join/some-invite-token', '/index.html']) {
      const page = await get(url, 'br');
      expect(page.status).toBe(200);
      expect(page.headers['cache-control']).toBe('no-cache');
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.headers['content-encoding']).toBe('br');
      expect(brotliDecompressSync(page.body).toString('utf8')).toBe(index);
    }
    const icon = await get('/favicon.svg');
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it('never serves the compressed copies under their own names', async () => {
    for (const url of ['/assets/index-Ab12Cd34.js.br', '/assets/index-Ab12Cd34.js.gz', '/index.html.br']) {
      expect((await get(url, 'br')).status).toBe(404);
    }
  });

  it('allows exactly the inline script and style of index.html by their hashes, and no other inline code', async () => {
    const csp = (await get('/', 'br')).headers['content-security-policy'] ?? '';
    const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    expect(csp).toContain(`script-src 'self' ${hash(inlineScript)};`);
    expect(csp).toContain(`style-src 'self' ${hash(inlineStyle)};`);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
  });
});
