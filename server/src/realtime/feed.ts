import type { Logger } from 'pino';
import type { Db } from '../db/client.js';
import type { Bus } from '../infra/bus.js';
import { latestCursor, readEventsAfter, type StoredEvent } from '../infra/events.js';
import { loggableError } from '../infra/logger.js';

const PAGE = 1000;
/** first look at the table after a gap appears; doubles while the gap stays, up to the poll interval */
const GAP_CHECK_MS = 20;
/** committed events kept above a gap; beyond this they are read from the table once it closes */
const MAX_HELD = 10_000;

/**
 * This node's ordered view of the events table. Ids are drawn without a lock
 * and may commit out of order (infra/events.ts), so the feed hands out an
 * event only when every smaller id is final: delivered, or known never to
 * commit because no writer that could still commit it is running.
 *
 * Bus messages carry committed events. The feed delivers the run that
 * continues its cursor and holds the rest until the gap below them closes —
 * usually the next message, from the transaction that drew the missing id.
 * A gap that stays (an id that rolled back, a lost message, another node's
 * events) makes the feed read the table after a short delay, then less and
 * less often; a slow poll is the safety net when the bus is down.
 */
export class EventFeed {
  #cursor = 0;
  readonly #held = new Map<number, StoredEvent>();
  #reading: Promise<void> | null = null;
  #again = false;
  #pollMs = 2000;
  #timer: NodeJS.Timeout | null = null;
  #gapTimer: NodeJS.Timeout | null = null;
  #gapDelay = GAP_CHECK_MS;
  #unsubscribe: () => void = () => {};
  readonly #listeners = new Set<(events: StoredEvent[]) => void>();

  constructor(
    private readonly db: Db,
    private readonly bus: Bus,
    private readonly logger: Logger,
  ) {}

  async start(pollMs = 2000): Promise<void> {
    this.#pollMs = pollMs;
    this.#cursor = await latestCursor(this.db);
    this.#unsubscribe = this.bus.subscribe((events) => this.#onHint(events));
    this.#timer = setInterval(() => this.catchUp(), pollMs);
    this.#timer.unref();
  }

  /** the last cursor this node has delivered: every event up to it is final */
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
    if (this.#gapTimer) clearTimeout(this.#gapTimer);
    this.#listeners.clear();
    this.#held.clear();
  }

  #onHint(events: StoredEvent[]): void {
    for (const event of events) if (this.#held.size < MAX_HELD) this.#hold(event);
    this.#release(this.#cursor);
    this.#watchGap();
  }

  /** Reads the table from the last delivered cursor; resolves when up to date. */
  catchUp(): Promise<void> {
    if (this.#reading) {
      this.#again = true;
      return this.#reading;
    }
    this.#reading = this.#readAll()
      .catch((error: Error) =>
        this.logger.warn({ err: loggableError(error) }, 'event feed read failed; will retry'),
      )
      .finally(() => {
        this.#reading = null;
        if (this.#again) {
          this.#again = false;
          void this.catchUp();
        } else {
          this.#watchGap();
        }
      });
    return this.#reading;
  }

  async #readAll(): Promise<void> {
    for (;;) {
      const { events, final } = await readEventsAfter(this.db, this.#cursor, PAGE);
      for (const event of events) this.#hold(event);
      // Every visible event up to `complete` is in this page; up to `final`, a missing id never committed.
      const complete = events.length < PAGE ? final : events[events.length - 1]!.cursor;
      this.#release(Math.min(final, complete));
      if (events.length < PAGE || this.#held.size > 0) return;
    }
  }

  #hold(event: StoredEvent): void {
    if (event.cursor > this.#cursor) this.#held.set(event.cursor, event);
  }

  /**
   * Delivers held events in order while each is the next id, or any id up to
   * `final`; then the cursor is at least `final` (the ids in between never
   * committed), so the next id continues the run.
   */
  #release(final: number): void {
    let cursor = this.#cursor;
    if (!this.#held.has(cursor + 1) && final <= cursor) return;
    const ready: StoredEvent[] = [];
    for (const key of [...this.#held.keys()].sort((a, b) => a - b)) {
      if (key <= cursor) {
        this.#held.delete(key);
        continue;
      }
      if (key !== cursor + 1 && key > final) break;
      ready.push(this.#held.get(key)!);
      this.#held.delete(key);
      cursor = key;
    }
    if (ready.length > 0) this.#deliver(ready);
    this.#cursor = Math.max(this.#cursor, final);
  }

  /** While events wait above a gap, looks at the table after a delay that grows as long as the gap stays. */
  #watchGap(): void {
    if (this.#held.size === 0) {
      this.#gapDelay = GAP_CHECK_MS;
      return;
    }
    if (this.#gapTimer) return;
    const stuckAt = this.#cursor;
    this.#gapTimer = setTimeout(() => {
      this.#gapTimer = null;
      if (this.#cursor !== stuckAt) {
        this.#gapDelay = GAP_CHECK_MS;
        this.#watchGap();
        return;
      }
      this.#gapDelay = Math.min(this.#gapDelay * 2, this.#pollMs);
      void this.catchUp();
    }, this.#gapDelay);
    this.#gapTimer.unref();
  }

  #deliver(events: StoredEvent[]): void {
    this.#cursor = events[events.length - 1]!.cursor;
    for (const listener of this.#listeners) {
      try {
        listener(events);
      } catch (error) {
        this.logger.error({ err: loggableError(error) }, 'event listener failed');
      }
    }
  }
}
