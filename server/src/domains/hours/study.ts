import { defaultWorkingHours, staffRoles, type TWorkingHours } from '@parta/protocol';
import { sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';

/**
 * SQL: does the chat `chatId` (an SQL expression) have a member who is only
 * of a family (a parent, a student; protocol `isFamilyOnly`)? A chat of
 * staff alone never follows the working hours, whatever its kind.
 */
export function hasFamilyMember(chatId: string): string {
  const staff = staffRoles.map((role) => `'${role}'`).join(',');
  return `exists (select from chat_members fm join users fu on fu.id = fm.user_id
    where fm.chat_id = ${chatId} and fu.left_at is null and cardinality(fu.roles) > 0
      and not (fu.roles && array[${staff}]::text[]))`;
}

/** A study chat: of a kind the school counts, with a family in it. */
export function isStudyChat(hours: TWorkingHours, kind: string, withFamily: boolean): boolean {
  return withFamily && (hours.studyKinds as readonly string[]).includes(kind);
}

export interface SchoolHours {
  hours: TWorkingHours;
  timeZone: string;
}

export async function schoolHours(db: Queryable, schoolId: number): Promise<SchoolHours> {
  const result = await db.execute<{ working_hours: TWorkingHours | null; time_zone: string }>(
    sql`select working_hours, time_zone from schools where id = ${schoolId}`,
  );
  const row = result.rows[0]!;
  return { hours: row.working_hours ?? defaultWorkingHours, timeZone: row.time_zone };
}
