import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { classes, users } from '../../db/schema.js';
import { AppError } from '../../infra/errors.js';
import { className } from '../org/calendar.js';

/** «Сафина  Алия» → ['сафина', 'алия']: lower case, ё as е, any spacing. */
export function nameWords(name: string): string[] {
  return name.normalize('NFC').toLocaleLowerCase('ru').replaceAll('ё', 'е').split(/\s+/).filter(Boolean);
}

const sameWords = (a: string[], b: string[]) => [...a].sort().join(' ') === [...b].sort().join(' ');

/**
 * Whether `typed` names the student `fullName` («Фамилия Имя Отчество»): the
 * surname and the first name in any order, with or without the patronymic.
 */
export function namesStudent(typed: string[], fullName: string): boolean {
  const words = nameWords(fullName);
  if (words.length < 2) return false;
  return sameWords(typed, words.slice(0, 2)) || sameWords(typed, words);
}

/**
 * A parent joining by the school's code names their child by surname and
 * first name; exactly one present student of the class must answer to it.
 * The bare code never lists the class's children.
 */
export async function findChildByName(tx: Tx, classId: number, typed: string | undefined): Promise<number> {
  const words = nameWords(typed ?? '');
  if (words.length < 2) throw new AppError('joins.child_name_required');
  const students = await tx
    .select({ id: users.id, fullName: users.fullName })
    .from(users)
    .where(
      and(eq(users.classId, classId), isNull(users.leftAt), sql`${users.roles} @> array['student']::text[]`),
    );
  const matches = students.filter((student) => namesStudent(words, student.fullName));
  if (matches.length === 1) return matches[0]!.id;
  const [row] = await tx
    .select({ grade: classes.grade, letter: classes.letter })
    .from(classes)
    .where(eq(classes.id, classId));
  throw new AppError('joins.child_not_found', { className: className(row!.grade, row!.letter) });
}
