import type { Logger } from 'pino';
import type { Db } from '../db/client.js';
import type { Bus } from '../infra/bus.js';
import { latestCursor, readEventsAfter, type StoredEvent } from '../infra/events.js';

const PAGE = 1000;

/**
 * This node's ordered view of the events table. Bus messages are hints: when
 * one carries exactly the next cursors it is delivered as is; anything else
 * (a gap, another node's events arriving out of order, a lost message) makes
 * the feed read the table from its last cursor. A slow poll is the safety
 * net when the bus is down. Because cursors commit in order (infra/events.ts),
 * the feed never skips an event.
 */
export class EventFeed {
  #cursor = 0;
  #reading: Promise<void> | null = null;
  #again = false;
  #timer: NodeJS.Timeout | null = null;
  #unsubscribe: () => void = () => {};
  readonly #listeners = new Set<(events: StoredEvent[]) => void>();

  constructor(
    private readonly db: Db,
    private readonly bus: Bus,
    private readonly logger: Logger,
  ) {}

  async start(pollMs = 2000): Promise<void> {
    this.#cursor = await latestCursor(this.db);
    this.#unsubscribe = this.bus.subscribe((events) => this.#onHint(events));
    this.#timer = setInterval(() => this.catchUp(), pollMs);
    this.#timer.unref();
  }

  /** the last cursor this node has delivered */
  get cursor(): number {
    return this.#cursor;
  }

  onEvents(listener: (events: StoredEvent[]) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  stop(): void {
    this.#unsubscribe();
    if (this.#timer) clearInterval(this.#timer);
    this.#listeners.clear();
  }

  #onHint(events: StoredEvent[]): void {
    const fresh = events.filter((event) => event.cursor > this.#cursor);
    if (fresh.length === 0) return;
    const contiguous = fresh.every((event, i) => event.cursor === this.#cursor + 1 + i);
    if (contiguous && !this.#reading) this.#deliver(fresh);
    else this.catchUp();
  }

  /** Reads the table from the last delivered cursor; resolves when up to date. */
  catchUp(): Promise<void> {
    if (this.#reading) {
      this.#again = true;
      return this.#reading;
    }
    this.#reading = this.#readAll()
      .catch((error: Error) => this.logger.warn({ err: error.message }, 'event feed read failed; will retry'))
      .finally(() => {
        this.#reading = null;
        if (this.#again) {
          this.#again = false;
          void this.catchUp();
        }
      });
    return this.#reading;
  }

  async #readAll(): Promise<void> {
    for (;;) {
      const events = await readEventsAfter(this.db, this.#cursor, PAGE);
      if (events.length > 0) this.#deliver(events);
      if (events.length < PAGE) return;
    }
  }

  #deliver(events: StoredEvent[]): void {
    this.#cursor = events[events.length - 1]!.cursor;
    for (const listener of this.#listeners) {
      try {
        listener(events);
      } catch (error) {
        this.logger.error({ err: (error as Error).message }, 'event listener failed');
      }
    }
  }
}
