import {
  defaultFileRules,
  type TFileRules,
  type TFileRulesRequest,
  type TFileSettings,
} from '@parta/protocol';
import { eq, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { schools } from '../../db/schema.js';
import type { Action } from '../../infra/actions.js';
import { enforce, requirePerson } from '../../infra/require.js';
import { canSetFileRules } from './policy.js';

/** The school's file rules: its own, over the defaults (protocol/files.ts). */
export async function schoolFileRules(db: Queryable, schoolId: number): Promise<TFileRules> {
  const result = await db.execute<{ file_rules: TFileRules | null }>(
    sql`select file_rules from schools where id = ${schoolId}`,
  );
  const own = result.rows[0]?.file_rules;
  return own
    ? { ...defaultFileRules, ...own, limits: { ...defaultFileRules.limits, ...own.limits } }
    : defaultFileRules;
}

/** Bytes the school's files take, counted per file row (one photo sent to two chats counts twice). */
export async function usedBytes(db: Queryable, schoolId: number): Promise<number> {
  const result = await db.execute<{ bytes: string }>(
    sql`select coalesce(sum(size), 0) as bytes from files where school_id = ${schoolId}`,
  );
  return Number(result.rows[0]!.bytes);
}

export async function fileSettings(db: Queryable, schoolId: number, edit: boolean): Promise<TFileSettings> {
  const rules = await schoolFileRules(db, schoolId);
  const chats = await db.execute<{ chat_id: number; title: string; bytes: string; files: number }>(sql`
    select f.chat_id, c.title, sum(f.size) as bytes, count(*)::int as files
    from files f join chats c on c.id = f.chat_id
    where f.school_id = ${schoolId}
    group by f.chat_id, c.title order by sum(f.size) desc, f.chat_id`);
  const perChat = chats.rows.map((row) => ({
    chatId: row.chat_id,
    title: row.title,
    bytes: Number(row.bytes),
    files: row.files,
  }));
  return {
    rules,
    usage: {
      bytes: perChat.reduce((sum, chat) => sum + chat.bytes, 0),
      files: perChat.reduce((sum, chat) => sum + chat.files, 0),
      chats: perChat,
    },
    policies: { edit },
  };
}

/** The admin sets limits, formats and the quota; what is left out stays. */
export const setFileRules: Action<TFileRulesRequest, TFileRules> = async ({ tx, actor }, input) => {
  const person = requirePerson(actor);
  enforce(canSetFileRules(person));
  const current = await schoolFileRules(tx, person.schoolId);
  const rules: TFileRules = {
    limits: {
      ...current.limits,
      ...Object.fromEntries(Object.entries(input.limits ?? {}).filter(([, v]) => v !== undefined)),
    },
    formats: input.formats ?? current.formats,
    quotaBytes: input.quotaBytes === undefined ? current.quotaBytes : input.quotaBytes,
  };
  await tx.update(schools).set({ fileRules: rules }).where(eq(schools.id, person.schoolId));
  return {
    result: rules,
    audit: {
      type: 'files.settings',
      data: {
        image: rules.limits.image,
        audio: rules.limits.audio,
        video: rules.limits.video,
        document: rules.limits.document,
        formats: rules.formats.join(','),
        quota: rules.quotaBytes ?? 0,
      },
    },
  };
};
