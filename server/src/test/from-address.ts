import { request } from 'node:http';
import type { Reply } from './client.js';

/**
 * A JSON POST sent from another loopback address (127.0.0.2, 127.0.0.3, …), so
 * the server sees a different client address without any forwarding header:
 * a stranger on another network, as far as per-address limits can tell.
 */
export function postFrom(baseUrl: string, localAddress: string, path: string, body: unknown): Promise<Reply> {
  const url = new URL(path, baseUrl);
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        localAddress,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const headers = new Headers();
          for (const [name, value] of Object.entries(incoming.headers)) {
            if (typeof value === 'string') headers.set(name, value);
          }
          const json = text && incoming.headers['content-type']?.includes('json');
          resolve({ status: incoming.statusCode!, body: json ? JSON.parse(text) : text, headers });
        });
        incoming.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}
