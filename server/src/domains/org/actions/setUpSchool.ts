import type { Role, TSetupRequest } from '@parta/protocol';
import { sql } from 'drizzle-orm';
import { schools, users } from '../../../db/schema.js';
import type { Action } from '../../../infra/actions.js';
import { AppError } from '../../../infra/errors.js';
import { normaliseLogin } from '../../auth/contacts.js';
import { insertSession, type NewSession } from '../../auth/sessions.js';
import { academicYearAt } from '../calendar.js';
import { newJoinCode } from '../join-code.js';
import { syncStructuralChats } from '../sync.js';

/** Taken while setting up, so two wizards submitted at once cannot both win. */
const SETUP_LOCK = 7_147_003;

/**
 * The first run: creates the school and its first admin, and logs them in.
 * It works exactly once; afterwards it answers `setup.already_done`. The
 * password comes hashed: hashing is slow and must not hold the setup lock.
 */
export const setUpSchool: Action<
  Omit<TSetupRequest, 'password' | 'setupToken'> & { passwordHash: string; device: string },
  NewSession
> = async ({ tx, now }, input) => {
  await tx.execute(sql`select pg_advisory_xact_lock(${SETUP_LOCK})`);
  const [existing] = await tx.select({ id: schools.id }).from(schools).limit(1);
  if (existing) throw new AppError('setup.already_done');
  const [school] = await tx
    .insert(schools)
    .values({
      name: input.schoolName,
      timeZone: input.timeZone,
      joinCode: newJoinCode(),
      academicYear: academicYearAt(now, input.timeZone),
      createdAt: now,
    })
    .returning();
  const [admin] = await tx
    .insert(users)
    .values({
      schoolId: school!.id,
      fullName: input.adminName,
      login: normaliseLogin(input.login),
      passwordHash: input.passwordHash,
      roles: ['admin'] satisfies Role[],
      createdAt: now,
    })
    .returning();
  const session = await insertSession(tx, admin!, input.device, now);
  return {
    result: session,
    events: await syncStructuralChats(tx, school!.id, now),
    schoolId: school!.id,
    audit: {
      type: 'school.setup',
      schoolId: school!.id,
      subjectId: admin!.id,
      data: { timeZone: input.timeZone },
    },
  };
};
