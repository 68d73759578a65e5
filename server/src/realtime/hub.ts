import { HELLO_TIMEOUT_MS, wsCloseCodes } from '@parta/protocol';
import type { Logger } from 'pino';
import type { Db } from '../db/client.js';
import { liveSessionIds } from '../domains/auth/queries.js';
import type { Clock } from '../infra/clock.js';
import { maxEventId, missedTooMany, readEventsForUser, type StoredEvent } from '../infra/events.js';
import type { Connection } from './connection.js';
import type { EventFeed } from './feed.js';

const REPLAY_PAGE = 500;
/**
 * A client that missed more of its school's events than this reloads its
 * state (`resync`) instead of replaying them: after a night offline in a busy
 * school that is quicker for the phone, and it bounds what a replay reads
 * (the events of the school after the cursor, filtered by reader).
 */
export const REPLAY_LIMIT = 5000;

/** The open WebSockets of this node, by person, fed from the node's event feed. */
export class Hub {
  readonly #byUser = new Map<number, Set<Connection>>();
  #heartbeat: NodeJS.Timeout | null = null;
  #sweeper: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Db,
    private readonly feed: EventFeed,
    private readonly clock: Clock,
    private readonly logger: Logger,
    /** open sockets one account may have on this node; a new one closes the oldest */
    private readonly socketsPerAccount = 10,
  ) {
    feed.onEvents((events) => this.#dispatch(events));
  }

  /** open connections on this node (not those already closed by the server) */
  get size(): number {
    let count = 0;
    for (const set of this.#byUser.values()) {
      for (const connection of set) if (connection.state !== 'closed') count++;
    }
    return count;
  }

  /** the open connections of these people on this node */
  *connectionsOf(userIds: Iterable<number>): Iterable<Connection> {
    for (const userId of userIds) yield* this.#byUser.get(userId) ?? [];
  }

  /**
   * A new socket of its person. Past `socketsPerAccount` open ones the oldest
   * is closed (4409): a forgotten tab gives way to the one in use, and a
   * script cannot hold thousands of sockets of one account.
   */
  add(connection: Connection): void {
    const set = this.#byUser.get(connection.userId) ?? new Set();
    set.add(connection);
    this.#byUser.set(connection.userId, set);
    let open = 0;
    for (const other of set) if (other.state !== 'closed') open++;
    for (const oldest of set) {
      if (open <= this.socketsPerAccount) break;
      if (oldest.state === 'closed') continue;
      oldest.close(wsCloseCodes.tooManySockets, 'too many sockets');
      open--;
    }
  }

  remove(connection: Connection): void {
    const set = this.#byUser.get(connection.userId);
    set?.delete(connection);
    if (set?.size === 0) this.#byUser.delete(connection.userId);
  }

  /**
   * Answers `hello`: replays what the person may read after their cursor up
   * to the feed's cursor (everything up to it is final; later events reach
   * the connection from the feed meanwhile), then streams live. A cursor
   * beyond every id in the table (a restored database), or one more than
   * REPLAY_LIMIT of the school's events behind, asks the client to reload its
   * state; one merely ahead of this node's feed (taken on another node) just
   * waits for the feed.
   */
  async resume(connection: Connection, cursor: number | null): Promise<void> {
    connection.state = 'replaying';
    const head = this.feed.cursor;
    if (cursor === null) {
      connection.cursor = head;
    } else if (
      (cursor > head && cursor > (await maxEventId(this.db))) ||
      (cursor < head && (await missedTooMany(this.db, connection.schoolId, cursor, REPLAY_LIMIT)))
    ) {
      connection.send({ type: 'resync' });
      connection.cursor = head;
    } else {
      connection.cursor = cursor;
      for (;;) {
        const page = await readEventsForUser(
          this.db,
          connection.schoolId,
          connection.userId,
          connection.cursor,
          head,
          REPLAY_PAGE,
        );
        for (const event of page) await connection.replay(event);
        // The socket may have closed while the page was read.
        if (page.length < REPLAY_PAGE || (connection.state as Connection['state']) === 'closed') break;
      }
    }
    connection.goLive();
  }

  /** Pings every socket; drops the silent ones and those whose session has ended. */
  startHeartbeat(intervalMs: number): void {
    this.#heartbeat = setInterval(() => void this.beat(), intervalMs);
    this.#heartbeat.unref();
    this.#sweeper = setInterval(() => this.sweep(), 1000);
    this.#sweeper.unref();
  }

  /** Closes the sockets that have not said `hello` within HELLO_TIMEOUT_MS (by the clock). */
  sweep(): void {
    const dueBefore = this.clock.now().getTime() - HELLO_TIMEOUT_MS;
    for (const set of this.#byUser.values()) {
      for (const connection of set) {
        if (connection.state === 'waiting' && connection.openedAt <= dueBefore) {
          connection.close(wsCloseCodes.helloTimeout, 'no hello');
        }
      }
    }
  }

  async beat(): Promise<void> {
    for (const set of this.#byUser.values()) {
      for (const connection of set) {
        if (connection.state === 'closed') continue;
        if (!connection.alive) {
          connection.socket.terminate();
          continue;
        }
        connection.alive = false;
        connection.socket.ping();
      }
    }
    await this.dropEndedSessions();
  }

  /**
   * Closes the sockets whose session has ended (logout, a new password, the
   * person left the school): at once after such a change on any node, and
   * at every heartbeat in case that news was lost.
   */
  async dropEndedSessions(): Promise<void> {
    const open = [...this.#byUser.values()].flatMap((set) => [...set]).filter((c) => c.state !== 'closed');
    if (open.length === 0) return;
    const live = await liveSessionIds(
      this.db,
      [...new Set(open.map((connection) => connection.sessionId))],
      this.clock.now(),
    ).catch((error: Error) => {
      this.logger.warn({ err: error.message }, 'could not check the sessions of open sockets');
      return null;
    });
    if (!live) return;
    for (const connection of open) {
      if (!live.has(connection.sessionId)) connection.close(wsCloseCodes.sessionEnded, 'session ended');
    }
  }

  /** On shutdown: tell every client to reconnect; drop at once those with unsent data piling up. */
  closeAll(code: number, reason: string): void {
    if (this.#heartbeat) clearInterval(this.#heartbeat);
    if (this.#sweeper) clearInterval(this.#sweeper);
    for (const set of this.#byUser.values()) {
      for (const connection of set) {
        const stuck = connection.socket.bufferedAmount > 0 || connection.state === 'closed';
        if (stuck) connection.socket.terminate();
        else connection.close(code, reason);
      }
    }
  }

  #dispatch(events: StoredEvent[]): void {
    for (const event of events) {
      for (const userId of event.userIds) {
        const set = this.#byUser.get(userId);
        if (!set) continue;
        for (const connection of set) {
          if (connection.schoolId === event.schoolId) connection.deliver(event);
        }
      }
    }
    this.logger.trace({ count: events.length }, 'events dispatched');
  }
}
