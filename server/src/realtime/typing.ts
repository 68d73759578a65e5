import { type TServerFrame, TYPING_INTERVAL_MS } from '@parta/protocol';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { users } from '../db/schema.js';
import { findChatAccess, memberIds } from '../domains/chats/queries.js';
import type { Bus, TypingSignal } from '../infra/bus.js';
import type { Clock } from '../infra/clock.js';
import type { Connection } from './connection.js';
import type { Hub } from './hub.js';

/** Above this many remembered (person, chat) pairs the throttle forgets them all. */
const MAX_TRACKED = 10_000;

/**
 * «Мария печатает…»: relays a typing frame to the chat's other members on
 * every node. Nothing is stored, and no presence or last-seen exists at all
 * (parents asked for that privacy). A person's frames are let through at
 * most about once per TYPING_INTERVAL_MS per chat, whatever the client sends.
 */
export class TypingRelay {
  readonly #lastAt = new Map<string, number>();
  /** one connection's frames are handled in order, one at a time */
  readonly #queues = new WeakMap<Connection, Promise<void>>();

  constructor(
    private readonly db: Db,
    private readonly bus: Bus,
    private readonly hub: Hub,
    private readonly clock: Clock,
  ) {
    bus.onSignal((signal) => {
      if (signal.type === 'typing') this.#deliver(signal);
    });
  }

  typing(connection: Connection, chatId: number): Promise<void> {
    const next = (this.#queues.get(connection) ?? Promise.resolve()).then(() =>
      this.#relay(connection, chatId),
    );
    this.#queues.set(
      connection,
      next.catch(() => {}),
    );
    return next;
  }

  async #relay(connection: Connection, chatId: number): Promise<void> {
    const key = `${connection.userId}:${chatId}`;
    const now = this.clock.now().getTime();
    const last = this.#lastAt.get(key);
    if (last !== undefined && now - last < TYPING_INTERVAL_MS / 2) return;
    if (this.#lastAt.size >= MAX_TRACKED) this.#lastAt.clear();
    this.#lastAt.set(key, now);
    const access = await findChatAccess(this.db, connection.schoolId, chatId, connection.userId);
    const mayWrite =
      access?.membership &&
      !access.archived &&
      (access.kind !== 'announcement' || access.membership.role === 'owner');
    if (!mayWrite) return;
    const [person] = await this.db
      .select({ fullName: users.fullName })
      .from(users)
      .where(eq(users.id, connection.userId));
    const to = (await memberIds(this.db, chatId)).filter((id) => id !== connection.userId);
    if (!person || to.length === 0) return;
    await this.bus.signal({
      type: 'typing',
      chatId,
      userId: connection.userId,
      fullName: person.fullName,
      to,
    });
  }

  #deliver(signal: TypingSignal): void {
    const frame: TServerFrame = {
      type: 'typing',
      chatId: signal.chatId,
      userId: signal.userId,
      fullName: signal.fullName,
    };
    const text = JSON.stringify(frame);
    for (const connection of this.hub.connectionsOf(signal.to)) {
      if (connection.state === 'live') connection.send(text);
    }
  }
}
