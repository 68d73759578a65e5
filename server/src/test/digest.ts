import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';

/** Every table, each with what counts as its content. */
const tables: [string, string][] = [
  ...[
    'schools',
    'users',
    'sessions',
    'password_resets',
    'classes',
    'subject_teachers',
    'guardianships',
    'committee_members',
    'invites',
    'join_requests',
    'chats',
    'chat_members',
    'messages',
    'message_versions',
    'message_reactions',
    'search_words',
    'events',
  ].map((table): [string, string] => [table, `${table} t`]),
  // An admin opening a person card is recorded on purpose (DESIGN §3.6): that read is not a change.
  ['audit_log', `audit_log t where type <> 'people.contacts_read'`],
];

/** A fingerprint of everything the database holds: equal before and after means nothing changed. */
export async function digest(db: Db): Promise<string> {
  const parts: string[] = [];
  for (const [table, from] of tables) {
    const result = await db.execute<{ md5: string | null }>(
      sql.raw(`select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as md5 from ${from}`),
    );
    parts.push(`${table}:${result.rows[0]?.md5}`);
  }
  return parts.join(',');
}
