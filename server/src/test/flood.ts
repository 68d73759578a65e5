import { randomUUID } from 'node:crypto';
import type { TMessage } from '@parta/protocol';

/**
 * A large message as the protocol describes one, for tests that flood the
 * live stream with copies of it (the events are checked like any other).
 */
export function floodMessage(chatId: number, authorId: number): TMessage {
  return {
    id: 1,
    chatId,
    authorId,
    authorName: 'Тест',
    clientId: randomUUID(),
    body: 'ж'.repeat(4000),
    createdAt: new Date(0).toISOString(),
    replyTo: null,
    forwardedFrom: null,
    mentions: [],
    mentionsAll: false,
    editedAt: null,
    deletedAt: null,
    pinnedAt: null,
    reactions: [],
  };
}
