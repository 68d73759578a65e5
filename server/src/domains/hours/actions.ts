import type { TWorkingHours, TWorkingHoursRequest } from '@parta/protocol';
import { and, eq, isNull } from 'drizzle-orm';
import { schools, users } from '../../db/schema.js';
import type { Action } from '../../infra/actions.js';
import { AppError } from '../../infra/errors.js';
import { enqueue } from '../../infra/jobs.js';
import { enforce, requirePerson } from '../../infra/require.js';
import { RESCHEDULE_HELD_JOB } from './jobs.js';
import { canSetHours } from './policy.js';
import { schoolHours } from './study.js';

/**
 * The school's working hours. What is left out stays; messages held for the
 * old hours move to the new next opening (a job, right after), and every
 * open tab hears the new hours (`school.hours`).
 */
export const setWorkingHours: Action<TWorkingHoursRequest, TWorkingHours> = async (
  { tx, actor, now },
  input,
) => {
  const person = requirePerson(actor);
  enforce(canSetHours(person));
  const [school] = await tx
    .select({ id: schools.id })
    .from(schools)
    .where(eq(schools.id, person.schoolId))
    .for('update');
  const current = await schoolHours(tx, school!.id);
  const defined = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
  const hours: TWorkingHours = { ...current.hours, ...defined };
  if (hours.closesAt <= hours.opensAt) throw new AppError('hours.window_order');
  hours.days = [...hours.days].sort();
  hours.holidays = [...hours.holidays].sort((a, b) => a.from.localeCompare(b.from));
  await tx.update(schools).set({ workingHours: hours }).where(eq(schools.id, school!.id));
  await enqueue(tx, RESCHEDULE_HELD_JOB, now, { schoolId: school!.id });
  const everyone = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.schoolId, school!.id), isNull(users.leftAt)));
  return {
    result: hours,
    events: [{ payload: { type: 'school.hours', hours }, userIds: everyone.map((row) => row.id) }],
    audit: {
      type: 'hours.settings',
      data: {
        opensAt: hours.opensAt,
        closesAt: hours.closesAt,
        days: hours.days,
        holidays: hours.holidays.length,
        studyKinds: hours.studyKinds.join(','),
        classTeachersUrgent: hours.classTeachersUrgent,
      },
    },
  };
};
