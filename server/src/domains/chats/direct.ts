import type { Role, TDirectChatRequest, TDirectContacts } from '@parta/protocol';
import { and, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { chatMembers, chats } from '../../db/schema.js';
import type { Action } from '../../infra/actions.js';
import type { Person } from '../../infra/actor.js';
import { enforce, requirePerson } from '../../infra/require.js';
import { loadDirectRules } from '../org/direct-rules.js';

const CONTACTS_LIMIT = 50;
/** Looser than pg_trgm's default 0.6: «Ивонова» should find «Иванова Анна» (0.45); a school has few enough people to scan. */
const NAME_SIMILARITY = 0.4;

/** Two people have one direct chat: its key is their ids in order. */
const directKey = (a: number, b: number) => (a < b ? `${a}:${b}` : `${b}:${a}`);

/** Opens the direct chat with a person, creating it the first time (when the school's rules allow it). */
export const openDirectChat: Action<TDirectChatRequest, { chatId: number }> = async (
  { tx, actor, now },
  input,
) => {
  const person = requirePerson(actor);
  enforce((await loadDirectRules(tx, person.schoolId)).verdict(person.userId, input.userId));
  const key = directKey(person.userId, input.userId);
  const [created] = await tx
    .insert(chats)
    .values({
      schoolId: person.schoolId,
      kind: 'direct',
      title: '',
      directKey: key,
      createdBy: person.userId,
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: chats.id });
  if (!created) {
    const [existing] = await tx
      .select({ id: chats.id })
      .from(chats)
      .where(and(eq(chats.schoolId, person.schoolId), eq(chats.directKey, key)));
    return { result: { chatId: existing!.id }, audit: null };
  }
  const both = [person.userId, input.userId];
  await tx
    .insert(chatMembers)
    .values(both.map((userId) => ({ chatId: created.id, userId, role: 'member', joinedAt: now })));
  return {
    result: { chatId: created.id },
    events: [
      {
        // The title is each reader's peer: clients load the chat to show it.
        payload: { type: 'chats.create', chatId: created.id, title: '', memberCount: 2 },
        userIds: both,
      },
    ],
    audit: { type: 'chats.open_direct', subjectId: created.id, data: { userIds: both } },
  };
};

/** People the viewer may write to, best name matches first (trigram similarity forgives typos). */
export async function directContacts(db: Queryable, person: Person, q: string): Promise<TDirectContacts> {
  const rules = await loadDirectRules(db, person.schoolId);
  const match =
    q === ''
      ? sql`true`
      : sql`(strpos(lower(full_name), lower(${q})) > 0 or word_similarity(${q}, full_name) >= ${NAME_SIMILARITY})`;
  const order =
    q === ''
      ? sql`full_name`
      : sql`strpos(lower(full_name), lower(${q})) = 0, word_similarity(${q}, full_name) desc, full_name`;
  const result = await db.execute<{ id: number; full_name: string; roles: Role[] }>(sql`
    select id, full_name, roles from users
    where school_id = ${person.schoolId} and left_at is null and id <> ${person.userId} and ${match}
    order by ${order} limit 2000`);
  return {
    people: result.rows
      .filter((row) => rules.verdict(person.userId, row.id).ok)
      .slice(0, CONTACTS_LIMIT)
      .map((row) => ({
        id: row.id,
        fullName: row.full_name,
        roles: row.roles,
        classNames: rules.classNamesOf(row.id),
      })),
  };
}
