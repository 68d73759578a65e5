import { type TServerFrame, wsCloseCodes } from '@parta/protocol';
import type { WebSocket } from 'ws';
import { type StoredEvent, toWire } from '../infra/events.js';

/** Above this many unsent bytes a client is too slow: it is cut off and resumes later. */
export const MAX_BUFFERED_BYTES = 1024 * 1024;
const CLOSE_GRACE_MS = 5000;

const frames = new WeakMap<StoredEvent, string>();

/** An event's frame, serialised once however many people receive it. */
function eventFrame(event: StoredEvent): string {
  let frame = frames.get(event);
  if (frame === undefined) {
    frame = JSON.stringify({ type: 'event', event: toWire(event) } satisfies TServerFrame);
    frames.set(event, frame);
  }
  return frame;
}

/**
 * One open WebSocket of one person. Until its `hello` has been answered with
 * the replay from the database, live events wait in a buffer; afterwards each
 * event is sent once, in cursor order.
 */
export class Connection {
  state: 'waiting' | 'replaying' | 'live' | 'closed' = 'waiting';
  cursor = 0;
  alive = true;
  readonly #pending: StoredEvent[] = [];

  constructor(
    readonly socket: WebSocket,
    readonly userId: number,
    readonly schoolId: number,
    readonly sessionId: number,
    private readonly maxBufferedBytes = MAX_BUFFERED_BYTES,
  ) {}

  /** A live event from the feed. */
  deliver(event: StoredEvent): void {
    if (this.state === 'replaying' || this.state === 'waiting') this.#pending.push(event);
    else if (this.state === 'live') this.#sendEvent(event);
  }

  /** Replay is done: send what arrived meanwhile, then go live. */
  goLive(): void {
    for (const event of this.#pending.splice(0)) this.#sendEvent(event);
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
    this.cursor = event.cursor;
    const data = eventFrame(event);
    if (this.socket.bufferedAmount <= this.maxBufferedBytes / 2) {
      this.socket.send(data);
      return;
    }
    await new Promise<void>((resolve) => this.socket.send(data, () => resolve()));
  }

  send(frame: TServerFrame | string): void {
    if (this.state === 'closed') return;
    if (this.socket.bufferedAmount > this.maxBufferedBytes) {
      this.close(wsCloseCodes.slowConsumer, 'slow consumer');
      return;
    }
    this.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  markClosed(): void {
    this.state = 'closed';
    this.#pending.length = 0;
  }

  /**
   * Closes with a code the client can read. A client that does not read will
   * never answer the closing handshake, so it is dropped after a grace period.
   */
  close(code: number, reason: string, graceMs = CLOSE_GRACE_MS): void {
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
