import type { Queryable } from '../../db/client.js';
import type { Actor, Person } from '../../infra/actor.js';
import { AppError } from '../../infra/errors.js';
import { enforce } from '../../infra/require.js';
import type { Verdict } from '../../infra/verdict.js';
import { type ChatAccess, canReadChat } from './policy.js';
import { findChatAccess } from './queries.js';

/**
 * Loads a chat with the person's membership and checks `rule` on it. A chat
 * of another school and a missing chat give the same `chats.not_found`.
 * Pass `lock` inside an action that changes the chat itself.
 */
export async function accessChat(
  db: Queryable,
  person: Person,
  chatId: number,
  rule: (actor: Actor, chat: ChatAccess) => Verdict = canReadChat,
  lock = false,
) {
  const access = await findChatAccess(db, person.schoolId, chatId, person.userId, lock);
  if (!access) throw new AppError('chats.not_found');
  enforce(rule(person, access));
  return access;
}
