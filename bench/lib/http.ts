import WebSocket from 'ws';

export interface Reply<T = any> {
  status: number;
  body: T;
}

/** One logged-in person talking to Parta over real HTTP like a browser tab: cookie, CSRF header, origin. */
export class Client {
  cookie: string | null = null;
  csrfToken: string | null = null;

  constructor(readonly baseUrl: string) {}

  async request<T = any>(method: string, path: string, body?: unknown): Promise<Reply<T>> {
    const response = await fetch(this.baseUrl + path, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrfToken && method !== 'GET' ? { 'x-csrf-token': this.csrfToken } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const setCookie = response.headers.getSetCookie().find((line) => line.startsWith('parta_session='));
    if (setCookie) this.cookie = setCookie.split(';')[0]!;
    const text = await response.text();
    const parsed = text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
    if (parsed && typeof parsed === 'object' && typeof parsed.csrfToken === 'string')
      this.csrfToken = parsed.csrfToken;
    return { status: response.status, body: parsed as T };
  }

  get<T = any>(path: string): Promise<Reply<T>> {
    return this.request<T>('GET', path);
  }

  post<T = any>(path: string, body?: unknown): Promise<Reply<T>> {
    return this.request<T>('POST', path, body);
  }

  /** POST that must answer `status`; anything else throws with the server's answer. */
  async expect<T = any>(status: number, path: string, body?: unknown): Promise<T> {
    const reply = await this.post<T>(path, body);
    if (reply.status !== status) {
      throw new Error(`POST ${path} answered ${reply.status}: ${JSON.stringify(reply.body).slice(0, 300)}`);
    }
    return reply.body;
  }

  /** Opens /api/ws with this person's cookie and the server's own origin (not yet sending `hello`). */
  openSocket(): Promise<WebSocket> {
    const ws = new WebSocket(`${this.baseUrl.replace(/^http/, 'ws')}/api/ws`, {
      headers: { ...(this.cookie ? { cookie: this.cookie } : {}), origin: this.baseUrl },
      handshakeTimeout: 10_000,
    });
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(ws));
      ws.once('error', reject);
    });
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
