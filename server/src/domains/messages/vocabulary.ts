import { sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';

/**
 * The words of a text that left the school's messages (deleted, or edited
 * away) leave the forgiving search's dictionary (`search_words`, migration
 * 0007), unless a live message of the school still has them; the full-text
 * index answers that (its stem matches any form of the word, so a word stays
 * while another form of it is in use). Runs in the action's transaction.
 */
export async function forgetWords(db: Queryable, schoolId: number, text: string): Promise<void> {
  await db.execute(sql`
    delete from search_words s
    where s.school_id = ${schoolId}
      and s.word in (select w.lexeme from unnest(to_tsvector('simple', ${text})) as w)
      and not exists (select from messages m
        where m.school_id = ${schoolId} and m.deleted_at is null
          and m.search @@ plainto_tsquery('russian', s.word))`);
}

/**
 * The same for the whole dictionary of every school (a daily job): the safety
 * net for two messages with a word deleted at the same moment, where each
 * delete still saw the other message live and kept the word.
 */
export async function pruneVocabulary(db: Queryable): Promise<number> {
  const result = await db.execute(sql`
    delete from search_words s
    where not exists (select from messages m
      where m.school_id = s.school_id and m.deleted_at is null
        and m.search @@ plainto_tsquery('russian', s.word))`);
  return result.rowCount ?? 0;
}
