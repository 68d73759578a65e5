import { type TServerFrame, wsCloseCodes } from '@parta/protocol';
import type { WebSocket } from 'ws';
import { type StoredEvent, toWire } from '../infra/events.js';

/** Above this many unsent bytes a client is too slow: it is cut off and resumes later. */
export const MAX_BUFFERED_BYTES = 1024 * 1024;

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

  sendReplayed(event: StoredEvent): void {
    this.#sendEvent(event);
  }

  send(frame: TServerFrame): void {
    if (this.state === 'closed') return;
    if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.close(wsCloseCodes.slowConsumer, 'slow consumer');
      return;
    }
    this.socket.send(JSON.stringify(frame));
  }

  close(code: number, reason: string): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.#pending.length = 0;
    this.socket.close(code, reason);
  }

  #sendEvent(event: StoredEvent): void {
    if (event.cursor <= this.cursor) return;
    this.cursor = event.cursor;
    this.send({ type: 'event', event: toWire(event) });
  }
}
