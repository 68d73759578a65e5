import type { Duplex } from 'node:stream';
import { type TServerFrame, wsCloseCodes } from '@parta/protocol';
import type { WebSocket } from 'ws';
import { type StoredEvent, toWire } from '../infra/events.js';

/** Above this many unsent bytes a client is too slow: it is cut off and resumes later. */
export const MAX_BUFFERED_BYTES = 1024 * 1024;
const CLOSE_GRACE_MS = 5000;
/**
 * After a write to a socket, frames for it wait until this long has passed
 * before the next write. An idle connection gets its frame at once; a busy
 * one gets one system call per LINGER_MS however many events arrive.
 */
export const LINGER_MS = 12;
/** Every frame is JSON, sent as text even when it is already bytes. */
const TEXT = { binary: false };

const frames = new WeakMap<StoredEvent, Buffer>();

/**
 * An event's frame, serialised and encoded once however many people receive
 * it (given a string, the socket would encode it to UTF-8 again for each).
 */
function eventFrame(event: StoredEvent): Buffer {
  let frame = frames.get(event);
  if (frame === undefined) {
    frame = Buffer.from(JSON.stringify({ type: 'event', event: toWire(event) } satisfies TServerFrame));
    frames.set(event, frame);
  }
  return frame;
}

/**
 * One open WebSocket of one person. Until its `hello` has been answered with
 * the replay from the database, live events wait in a buffer; afterwards each
 * event is sent once, in cursor order.
 *
 * Frames are queued and written together, with the TCP socket corked: when
 * the event loop has handled the I/O at hand (`setImmediate`), or, if the
 * socket was written less than LINGER_MS ago, when that much time has
 * passed (like Nagle's algorithm). Under load a system call per socket is
 * the dearest part of a delivery; this makes it one per person per
 * LINGER_MS instead of one per event.
 */
export class Connection {
  state: 'waiting' | 'replaying' | 'live' | 'closed' = 'waiting';
  cursor = 0;
  alive = true;
  readonly #pending: StoredEvent[] = [];
  readonly #outbox: (string | Buffer)[] = [];
  /** bytes waiting in `#pending` and `#outbox`; with the socket's own buffer, bounded by maxBufferedBytes */
  #queuedBytes = 0;
  #flush: { kind: 'immediate'; handle: NodeJS.Immediate } | { kind: 'timer'; handle: NodeJS.Timeout } | null =
    null;
  #lastWriteAt = Number.NEGATIVE_INFINITY;

  constructor(
    readonly socket: WebSocket,
    readonly userId: number,
    readonly schoolId: number,
    readonly sessionId: number,
    /** when the socket opened, by the injectable clock (ms): `hello` is due within HELLO_TIMEOUT_MS */
    readonly openedAt: number,
    private readonly maxBufferedBytes = MAX_BUFFERED_BYTES,
    /** the TCP socket under the WebSocket, corked while queued frames are written */
    private readonly transport: Pick<Duplex, 'cork' | 'uncork'> | null = null,
  ) {}

  /** A live event from the feed. */
  deliver(event: StoredEvent): void {
    if (this.state === 'replaying' || this.state === 'waiting') {
      if (!this.#mayQueue(eventFrame(event).length)) return;
      this.#pending.push(event);
    } else if (this.state === 'live') this.#sendEvent(event);
  }

  /** Replay is done: send what arrived meanwhile, then go live. */
  goLive(): void {
    const pending = this.#pending.splice(0);
    for (const event of pending) this.#queuedBytes -= eventFrame(event).length;
    for (const event of pending) this.#sendEvent(event);
    if (this.state === 'closed') return;
    this.state = 'live';
    this.send({ type: 'ready', cursor: this.cursor });
  }

  /**
   * Sends one missed event. A long backlog must not count as a slow client:
   * past half the buffer limit, wait until this frame has been written out.
   */
  async replay(event: StoredEvent): Promise<void> {
    if (event.cursor <= this.cursor || this.state === 'closed') return;
    this.flush();
    this.cursor = event.cursor;
    const data = eventFrame(event);
    if (this.socket.bufferedAmount <= this.maxBufferedBytes / 2) {
      this.socket.send(data, TEXT);
      return;
    }
    await new Promise<void>((resolve) => this.socket.send(data, TEXT, () => resolve()));
  }

  /**
   * Queues a frame (or one serialised already, as JSON); it is written with
   * the other frames queued meanwhile (see the class comment).
   */
  send(frame: TServerFrame | string | Buffer): void {
    if (this.state === 'closed') return;
    const data = typeof frame === 'string' || Buffer.isBuffer(frame) ? frame : JSON.stringify(frame);
    if (!this.#mayQueue(data.length)) return;
    this.#outbox.push(data);
    if (this.#flush) return;
    const wait = this.#lastWriteAt + LINGER_MS - performance.now();
    this.#flush =
      wait > 0
        ? { kind: 'timer', handle: setTimeout(() => this.flush(), wait) }
        : { kind: 'immediate', handle: setImmediate(() => this.flush()) };
  }

  /** Writes the queued frames now, in one system call; a client with too much unsent is cut off. */
  flush(): void {
    this.#cancelFlush();
    if (this.#outbox.length === 0 || this.state === 'closed') return;
    this.#lastWriteAt = performance.now();
    const frames = this.#outbox.splice(0);
    for (const data of frames) this.#queuedBytes -= data.length;
    this.transport?.cork();
    try {
      for (const data of frames) {
        if (this.socket.bufferedAmount > this.maxBufferedBytes) {
          this.close(wsCloseCodes.slowConsumer, 'slow consumer');
          break;
        }
        this.socket.send(data, TEXT);
      }
    } finally {
      this.transport?.uncork();
    }
  }

  markClosed(): void {
    this.state = 'closed';
    this.#pending.length = 0;
    this.#outbox.length = 0;
    this.#queuedBytes = 0;
    this.#cancelFlush();
  }

  /**
   * Counts `bytes` more into the queues; a client whose queued and unsent
   * bytes pass the limit is too slow (or never said hello) and is cut off.
   */
  #mayQueue(bytes: number): boolean {
    this.#queuedBytes += bytes;
    if (this.#queuedBytes + this.socket.bufferedAmount <= this.maxBufferedBytes) return true;
    this.close(wsCloseCodes.slowConsumer, 'slow consumer');
    return false;
  }

  #cancelFlush(): void {
    if (this.#flush?.kind === 'immediate') clearImmediate(this.#flush.handle);
    else if (this.#flush?.kind === 'timer') clearTimeout(this.#flush.handle);
    this.#flush = null;
  }

  /**
   * Closes with a code the client can read. A client that does not read will
   * never answer the closing handshake, so it is dropped after a grace period.
   */
  close(code: number, reason: string, graceMs = CLOSE_GRACE_MS): void {
    if (code !== wsCloseCodes.slowConsumer) this.flush();
    if (this.state === 'closed') return;
    this.markClosed();
    this.socket.close(code, reason);
    if (graceMs === 0) this.socket.terminate();
    else setTimeout(() => this.socket.terminate(), graceMs).unref();
  }

  #sendEvent(event: StoredEvent): void {
    if (event.cursor <= this.cursor) return;
    this.cursor = event.cursor;
    this.send(eventFrame(event));
  }
}
