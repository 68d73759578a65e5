import http from 'node:http';
import { RawPoster } from './raw-http.js';
import { openRawWebSocket, type RawWebSocket } from './raw-ws.js';

export interface Reply<T = any> {
  status: number;
  body: T;
}

/**
 * One logged-in person talking to Parta over real HTTP like a browser tab:
 * cookie, CSRF header, origin. Uses node:http with kept-alive connections
 * rather than fetch: the bench shares the machine with the server, and
 * fetch (undici) cost the client several times more CPU per request.
 */
export class Client {
  cookie: string | null = null;
  csrfToken: string | null = null;
  readonly #agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  #poster: RawPoster | null = null;

  constructor(readonly baseUrl: string) {}

  request<T = any>(method: string, path: string, body?: unknown): Promise<Reply<T>> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: http.OutgoingHttpHeaders = {
      ...(payload === undefined
        ? {}
        : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
      ...(this.cookie ? { cookie: this.cookie } : {}),
      ...(this.csrfToken && method !== 'GET' ? { 'x-csrf-token': this.csrfToken } : {}),
    };
    return new Promise((resolve, reject) => {
      const request = http.request(
        this.baseUrl + path,
        { method, headers, agent: this.#agent, timeout: 30_000 },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            const setCookie = response.headers['set-cookie']?.find((line) =>
              line.startsWith('parta_session='),
            );
            if (setCookie) this.cookie = setCookie.split(';')[0]!;
            const text = Buffer.concat(chunks).toString('utf8');
            const parsed =
              text && response.headers['content-type']?.includes('json') ? JSON.parse(text) : text;
            if (parsed && typeof parsed === 'object' && typeof parsed.csrfToken === 'string')
              this.csrfToken = parsed.csrfToken;
            resolve({ status: response.statusCode ?? 0, body: parsed as T });
          });
        },
      );
      request.on('timeout', () =>
        request.destroy(Object.assign(new Error('timeout'), { name: 'TimeoutError' })),
      );
      request.on('error', reject);
      request.end(payload);
    });
  }

  get<T = any>(path: string): Promise<Reply<T>> {
    return this.request<T>('GET', path);
  }

  post<T = any>(path: string, body?: unknown): Promise<Reply<T>> {
    return this.request<T>('POST', path, body);
  }

  /**
   * POST of JSON for the measured traffic: the same request as `post`, sent
   * by the bench's light client (raw-http.ts).
   */
  async postQuickly<T = any>(path: string, body: unknown): Promise<Reply<T>> {
    if (!this.#poster) {
      const url = new URL(this.baseUrl);
      const headers =
        (this.cookie ? `cookie: ${this.cookie}\r\n` : '') +
        (this.csrfToken ? `x-csrf-token: ${this.csrfToken}\r\n` : '');
      this.#poster = new RawPoster(url.hostname, Number(url.port), headers);
    }
    const reply = await this.#poster.post(path, JSON.stringify(body));
    return { status: reply.status, body: reply.body ? JSON.parse(reply.body) : null };
  }

  /** POST that must answer `status`; anything else throws with the server's answer. */
  async expect<T = any>(status: number, path: string, body?: unknown): Promise<T> {
    const reply = await this.post<T>(path, body);
    if (reply.status !== status) {
      throw new Error(`POST ${path} answered ${reply.status}: ${JSON.stringify(reply.body).slice(0, 300)}`);
    }
    return reply.body;
  }

  /**
   * Opens /api/ws with this person's cookie and the server's own origin (not
   * yet sending `hello`), as the bench's own light client (raw-ws.ts).
   */
  openSocket(
    onText: (payload: Buffer, at: number) => void,
    onClose: (code: number, reason: string) => void,
  ): Promise<RawWebSocket> {
    const headers = { ...(this.cookie ? { cookie: this.cookie } : {}), origin: this.baseUrl };
    return openRawWebSocket(`${this.baseUrl}/api/ws`, headers, onText, onClose);
  }
}

/** Runs `task` over `items` with at most `limit` at a time; results keep the items' order. */
export async function mapLimit<T, R>(
  items: T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
) {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
