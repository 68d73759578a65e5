import type { TClientFrame, TMe, TServerFrame } from '@parta/protocol';
import WebSocket from 'ws';
import { recordErrorCode } from './error-codes.js';

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** Talks to a test server over real HTTP like a browser tab: cookie jar, CSRF header, same-origin. */
export class TestClient {
  cookie: string | null = null;
  csrfToken: string | null = null;
  me: TMe | null = null;

  constructor(readonly baseUrl: string) {}

  async request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply<T>> {
    const response = await fetch(this.baseUrl + path, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrfToken && method !== 'GET' ? { 'x-csrf-token': this.csrfToken } : {}),
        ...headers,
      },
      body:
        body === undefined || typeof body === 'string' || body instanceof Uint8Array
          ? (body as BodyInit | undefined)
          : JSON.stringify(body),
    });
    const setCookie = response.headers.getSetCookie().find((line) => line.startsWith('parta_session='));
    if (setCookie) {
      const value = setCookie.split(';')[0]!;
      this.cookie = value === 'parta_session=' ? null : value;
    }
    const text = await response.text();
    const parsed = text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
    if (typeof parsed?.error?.code === 'string') recordErrorCode(parsed.error.code);
    if (parsed && typeof parsed === 'object' && 'csrfToken' in parsed) {
      this.me = parsed as TMe;
      this.csrfToken = (parsed as TMe).csrfToken;
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = any>(path: string, body?: unknown) {
    return this.request<T>('POST', path, body);
  }
  patch<T = any>(path: string, body?: unknown) {
    return this.request<T>('PATCH', path, body);
  }
  delete<T = any>(path: string) {
    return this.request<T>('DELETE', path);
  }

  /** Sends one file's bytes as the web does (domains/files). */
  upload<T = any>(path: string, bytes: Uint8Array, headers: Record<string, string> = {}) {
    return this.request<T>('POST', path, bytes, { 'content-type': 'application/octet-stream', ...headers });
  }

  /** Fetches bytes as they are (a file, a thumbnail). */
  async download(path: string, headers: Record<string, string> = {}) {
    const response = await fetch(this.baseUrl + path, {
      headers: { ...(this.cookie ? { cookie: this.cookie } : {}), ...headers },
    });
    return {
      status: response.status,
      bytes: Buffer.from(await response.arrayBuffer()),
      headers: response.headers,
    };
  }

  async login(login: string, password: string): Promise<TMe> {
    const reply = await this.post('/api/auth/login', { login, password });
    if (reply.status !== 200) throw new Error(`login failed: ${JSON.stringify(reply.body)}`);
    return reply.body;
  }

  /** Opens /api/ws with this client's cookie and says hello; frames are collected in order. */
  async socket(cursor: number | null, origin = this.baseUrl): Promise<TestSocket> {
    const socket = await this.openSocket(origin);
    socket.send({ type: 'hello', cursor });
    return socket;
  }

  /** Opens /api/ws without saying hello. */
  async openSocket(origin = this.baseUrl): Promise<TestSocket> {
    const ws = new WebSocket(`${this.baseUrl.replace('http', 'ws')}/api/ws`, {
      headers: { ...(this.cookie ? { cookie: this.cookie } : {}), origin },
    });
    const socket = new TestSocket(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return socket;
  }
}

export class TestSocket {
  readonly frames: TServerFrame[] = [];
  closed: { code: number; reason: string } | null = null;
  readonly #waiters = new Set<() => void>();

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.frames.push(JSON.parse(data.toString()) as TServerFrame);
      this.#notify();
    });
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      this.#notify();
    });
  }

  send(frame: TClientFrame | Record<string, unknown>): void {
    this.ws.send(JSON.stringify(frame));
  }

  events() {
    return this.frames.flatMap((frame) => (frame.type === 'event' ? [frame.event] : []));
  }

  /** Resolves when `predicate` holds over the frames received so far (or fails on timeout). */
  async waitFor(
    predicate: (socket: TestSocket) => boolean,
    what = 'condition',
    timeoutMs = 10_000,
  ): Promise<void> {
    if (predicate(this)) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        reject(
          new Error(`timed out waiting for ${what}; frames: ${JSON.stringify(this.frames).slice(0, 2000)}`),
        );
      }, timeoutMs);
      const check = () => {
        if (!predicate(this)) return;
        clearTimeout(timer);
        this.#waiters.delete(check);
        resolve();
      };
      this.#waiters.add(check);
    });
  }

  close(): void {
    this.ws.close();
  }

  #notify(): void {
    for (const waiter of [...this.#waiters]) waiter();
  }
}
