import { type Role, type TServerFrame, TYPING_INTERVAL_MS } from '@parta/protocol';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { chatMembers, users } from '../db/schema.js';
import { canPostMessage } from '../domains/chats/policy.js';
import { findChatAccess, memberIds } from '../domains/chats/queries.js';
import type { Person } from '../infra/actor.js';
import type { Bus, TypingSignal } from '../infra/bus.js';
import type { Clock } from '../infra/clock.js';
import { type BucketLimit, MemoryTokenBuckets, takeToken } from '../infra/token-bucket.js';
import type { Connection } from './connection.js';
import type { Hub } from './hub.js';

/** Typing frames one socket may send that cost the server any work: a few at once, then one a second. */
const TYPING_PER_SOCKET: BucketLimit = { burst: 5, perSecond: 1 };
/** One signal per person and chat per half interval, whatever the client sends. */
const TYPING_PER_CHAT: BucketLimit = { burst: 1, perSecond: 2000 / TYPING_INTERVAL_MS };
/** How long a socket trusts the list of its person's chats before a frame for another chat reloads it. */
const CHATS_FRESH_MS = 10_000;

interface SocketTyping {
  budget: { tokens: number; at: number };
  /** the person's chats, as last read, and when */
  chatIds: Set<number> | null;
  loadedAt: number;
}

/**
 * «Мария печатает…»: relays a typing frame to the chat's other members on
 * every node. Nothing is stored, and no presence or last-seen exists at all
 * (parents asked for that privacy).
 *
 * What a frame may cost is bounded: a frame for a chat the person is not in
 * is dropped by the socket's list of their chats (read once, and again at
 * most every CHATS_FRESH_MS when a frame names another chat), and the frames
 * that get further are limited per socket and per (person, chat).
 */
export class TypingRelay {
  readonly #perChat: MemoryTokenBuckets;
  readonly #sockets = new WeakMap<Connection, SocketTyping>();
  /** one connection's frames are handled in order, one at a time */
  readonly #queues = new WeakMap<Connection, Promise<void>>();

  constructor(
    private readonly db: Db,
    private readonly bus: Bus,
    private readonly hub: Hub,
    private readonly clock: Clock,
  ) {
    this.#perChat = new MemoryTokenBuckets(clock, TYPING_PER_CHAT);
    bus.onSignal((signal) => {
      if (signal.type === 'typing') this.#deliver(signal);
    });
  }

  /** Decides at once (in frame order) whether the frame is worth any work; the work is queued. */
  typing(connection: Connection, chatId: number): Promise<void> {
    const now = this.clock.now().getTime();
    let socket = this.#sockets.get(connection);
    if (!socket) {
      socket = { budget: { tokens: TYPING_PER_SOCKET.burst, at: now }, chatIds: null, loadedAt: 0 };
      this.#sockets.set(connection, socket);
    }
    const fresh = socket.chatIds !== null && now - socket.loadedAt < CHATS_FRESH_MS;
    if (fresh && !socket.chatIds!.has(chatId)) return Promise.resolve();
    if (!takeToken(socket.budget, TYPING_PER_SOCKET, now).ok) return Promise.resolve();
    const next = (this.#queues.get(connection) ?? Promise.resolve()).then(() =>
      this.#relay(connection, socket, chatId),
    );
    this.#queues.set(
      connection,
      next.catch(() => {}),
    );
    return next;
  }

  async #relay(connection: Connection, socket: SocketTyping, chatId: number): Promise<void> {
    const now = this.clock.now().getTime();
    if (socket.chatIds === null || (!socket.chatIds.has(chatId) && now - socket.loadedAt >= CHATS_FRESH_MS)) {
      const rows = await this.db
        .select({ chatId: chatMembers.chatId })
        .from(chatMembers)
        .where(eq(chatMembers.userId, connection.userId));
      socket.chatIds = new Set(rows.map((row) => row.chatId));
      socket.loadedAt = now;
    }
    if (!socket.chatIds.has(chatId)) return;
    if (!this.#perChat.takeNow(`${connection.userId}:${chatId}`).ok) return;
    const access = await findChatAccess(this.db, connection.schoolId, chatId, connection.userId);
    const [person] = await this.db
      .select({ fullName: users.fullName, roles: users.roles })
      .from(users)
      .where(eq(users.id, connection.userId));
    if (!access || !person) return;
    // Who may type here is who may post here (an admin in an announcement chat too).
    const actor: Person = {
      kind: 'person',
      userId: connection.userId,
      schoolId: connection.schoolId,
      roles: person.roles as Role[],
      sessionId: connection.sessionId,
    };
    if (!canPostMessage(actor, access).ok) return;
    const to = (await memberIds(this.db, chatId)).filter((id) => id !== connection.userId);
    if (to.length === 0) return;
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
