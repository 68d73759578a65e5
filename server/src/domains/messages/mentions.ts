import { parseMentions } from '@parta/protocol';
import type { Person } from '../../infra/actor.js';
import { enforce } from '../../infra/require.js';
import type { ChatAccess } from '../chats/policy.js';
import { canMentionAll } from './policy.js';

/**
 * Who a body mentions: members named with @[Имя](id) (others are left as
 * text), and `@все`, which only the chat's moderators may use.
 */
export function mentionsIn(
  person: Person,
  chat: ChatAccess,
  body: string,
  members: number[],
): { mentions: number[]; mentionsAll: boolean } {
  const { ids, all } = parseMentions(body);
  if (all) enforce(canMentionAll(person, chat));
  const inChat = new Set(members);
  return { mentions: ids.filter((id) => inChat.has(id)), mentionsAll: all };
}
