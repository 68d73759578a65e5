import { type TClientFrame, type TEvent, wsCloseCodes, ZServerFrame } from '@parta/protocol';

export interface LiveHandlers {
  onEvent(event: TEvent): void;
  /** every missed event has been replayed; the stream is live */
  onReady(): void;
  /** the connection is lost; a reconnect is scheduled */
  onDown(): void;
  /** the server no longer has our cursor: reload state and return the new cursor */
  onResync(): Promise<number>;
  /** the session is gone: log in again */
  onSessionEnded(): void;
  /** someone else is typing in a chat (not an event: never stored or replayed) */
  onTyping(chatId: number, userId: number, fullName: string): void;
}

const PING_EVERY_MS = 25_000;
const PONG_WITHIN_MS = 10_000;
const MAX_BACKOFF_MS = 30_000;

/**
 * The live stream (`/api/ws`): says hello with the last cursor seen, so the
 * server replays what was missed, and reconnects with backoff (1 s, 2 s, 4 s …
 * 30 s) or at once when the browser comes back online.
 */
export class LiveStream {
  #socket: WebSocket | null = null;
  #cursor: number;
  #attempt = 0;
  #stopped = false;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #pingTimer: ReturnType<typeof setInterval> | undefined;
  #pongTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    cursor: number,
    private readonly handlers: LiveHandlers,
  ) {
    this.#cursor = cursor;
  }

  start(): void {
    window.addEventListener('online', this.#onOnline);
    window.addEventListener('offline', this.#onOffline);
    document.addEventListener('visibilitychange', this.#onVisible);
    this.#connect();
  }

  stop(): void {
    this.#stopped = true;
    window.removeEventListener('online', this.#onOnline);
    window.removeEventListener('offline', this.#onOffline);
    document.removeEventListener('visibilitychange', this.#onVisible);
    clearTimeout(this.#retryTimer);
    this.#drop(1000, 'bye');
  }

  /** «печатает…» for the others in the chat; dropped when there is no connection (it is news only now) */
  typing(chatId: number): void {
    this.#send({ type: 'typing', chatId });
  }

  get cursor(): number {
    return this.#cursor;
  }

  #connect(evenOffline = false): void {
    clearTimeout(this.#retryTimer);
    if (this.#stopped || this.#socket) return;
    if (!navigator.onLine && !evenOffline) {
      // The browser says there is no network: wait for its `online` event, and check now and then anyway.
      this.handlers.onDown();
      this.#retryTimer = setTimeout(() => this.#connect(true), MAX_BACKOFF_MS);
      return;
    }
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/ws`;
    const socket = new WebSocket(url);
    this.#socket = socket;
    socket.onopen = () => {
      this.#send({ type: 'hello', cursor: this.#cursor });
      this.#pingTimer = setInterval(() => this.#ping(), PING_EVERY_MS);
    };
    socket.onmessage = (message) => this.#receive(message.data);
    socket.onclose = (close) => {
      if (this.#socket !== socket) return;
      this.#lost(close.code);
    };
  }

  #receive(data: unknown): void {
    clearTimeout(this.#pongTimer);
    let json: unknown;
    try {
      json = JSON.parse(String(data));
    } catch {
      json = null;
    }
    const parsed = ZServerFrame.safeParse(json);
    if (!parsed.success) {
      console.warn('parta: skipped an unknown frame', json, parsed.error.issues);
      return;
    }
    const frame = parsed.data;
    if (frame.type === 'event') {
      if (frame.event.cursor <= this.#cursor) return;
      this.#cursor = frame.event.cursor;
      this.handlers.onEvent(frame.event);
    } else if (frame.type === 'ready') {
      this.#cursor = Math.max(this.#cursor, frame.cursor);
      this.#attempt = 0;
      this.handlers.onReady();
    } else if (frame.type === 'typing') {
      this.handlers.onTyping(frame.chatId, frame.userId, frame.fullName);
    } else if (frame.type === 'resync') {
      void this.#resync();
    }
  }

  async #resync(): Promise<void> {
    this.#drop(1000, 'resync');
    try {
      this.#cursor = await this.handlers.onResync();
      this.#connect();
    } catch {
      this.#lost(1006);
    }
  }

  #ping(): void {
    this.#send({ type: 'ping' });
    clearTimeout(this.#pongTimer);
    // A silent socket (a phone changing networks) is dropped instead of waited for.
    this.#pongTimer = setTimeout(() => this.#lost(1006), PONG_WITHIN_MS);
  }

  #send(frame: TClientFrame): void {
    if (this.#socket?.readyState === WebSocket.OPEN) this.#socket.send(JSON.stringify(frame));
  }

  #lost(code: number): void {
    this.#drop(4000, 'reconnect');
    if (this.#stopped) return;
    if (code === wsCloseCodes.unauthenticated || code === wsCloseCodes.sessionEnded) {
      this.handlers.onSessionEnded();
      return;
    }
    if (code === wsCloseCodes.tooManySockets) {
      // Too many tabs of this account: this one waits until it is looked at again (or back online).
      this.handlers.onDown();
      return;
    }
    this.handlers.onDown();
    const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** this.#attempt);
    this.#attempt += 1;
    this.#retryTimer = setTimeout(() => this.#connect(), delay);
  }

  #drop(code: number, reason: string): void {
    clearInterval(this.#pingTimer);
    clearTimeout(this.#pongTimer);
    const socket = this.#socket;
    this.#socket = null;
    if (!socket) return;
    socket.onopen = socket.onmessage = socket.onclose = null;
    if (socket.readyState === WebSocket.OPEN || socket.readyState === WebSocket.CONNECTING)
      socket.close(code, reason);
  }

  readonly #onOnline = () => {
    this.#attempt = 0;
    this.#connect();
  };

  readonly #onOffline = () => {
    if (this.#socket) this.#lost(1006);
  };

  readonly #onVisible = () => {
    if (document.visibilityState === 'visible' && !this.#socket) this.#connect();
  };
}
