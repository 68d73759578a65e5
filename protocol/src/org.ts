import { z } from 'zod/mini';
import { ZId, ZRole, ZSchoolName, ZTimeZone } from './common.js';
import { givenByHand } from './roles.js';
import { ZLine } from './text-input.js';

/** One Cyrillic capital letter: «А», «Б», … */
export const ZClassLetter = z.pipe(
  z.pipe(
    ZLine.check(z.trim()),
    z.transform((letter) => letter.toUpperCase()),
  ),
  z.string().check(z.regex(/^[А-ЯЁ]$/, 'one Cyrillic letter')),
);

export const ZCreateClassRequest = z.strictObject({
  grade: z.int().check(z.gte(1), z.lte(11)),
  letter: ZClassLetter,
});
export type TCreateClassRequest = z.infer<typeof ZCreateClassRequest>;

/** Letters offered when creating many classes at once: «А» to «З» (a big school has 1А…1Ж). */
export const bulkClassLetters = ['А', 'Б', 'В', 'Г', 'Д', 'Е', 'Ж', 'З'] as const;

/** «Создать классы»: every chosen grade × every chosen letter; classes that exist are skipped. */
export const ZCreateClassesRequest = z.strictObject({
  grades: z.array(z.int().check(z.gte(1), z.lte(11))).check(
    z.minLength(1),
    z.maxLength(11),
    z.refine((list) => new Set(list).size === list.length, 'each grade once'),
  ),
  letters: z.array(ZClassLetter).check(
    z.minLength(1),
    z.maxLength(bulkClassLetters.length),
    z.refine((list) => new Set(list).size === list.length, 'each letter once'),
  ),
});
export type TCreateClassesRequest = z.infer<typeof ZCreateClassesRequest>;

/** What «Создать классы» did: the names it created, and how many of the asked it found already there. */
export const ZCreatedClasses = z.object({
  created: z.array(z.string()),
  skipped: z.int().check(z.nonnegative()),
});
export type TCreatedClasses = z.infer<typeof ZCreatedClasses>;

export const ZClassSummary = z.object({
  id: ZId,
  name: z.string(),
  grade: z.int(),
  letter: z.string(),
  academicYear: z.int(),
  archived: z.boolean(),
  classTeacher: z.nullable(z.object({ id: ZId, fullName: z.string() })),
  counts: z.object({
    students: z.int(),
    /** parents linked to a student of the class */
    parentsLinked: z.int(),
    /** of those, the ones who have set a password and can log in */
    parentsJoined: z.int(),
    /** the class teacher and the subject teachers */
    teachers: z.int(),
  }),
});
export type TClassSummary = z.infer<typeof ZClassSummary>;

/**
 * «Первые шаги» after the first run, derived from the school's data: classes
 * of this year, a class teacher for each, a first invite (or a family that
 * has joined). Sent to whoever builds the school until every step is done or
 * they press «Скрыть».
 */
export const ZFirstSteps = z.object({
  /** classes of the current year */
  classes: z.int().check(z.nonnegative()),
  /** of those, the ones with a class teacher */
  classesWithTeacher: z.int().check(z.nonnegative()),
  /** an invite was created, or a family has joined */
  invited: z.boolean(),
});
export type TFirstSteps = z.infer<typeof ZFirstSteps>;

export const ZSchoolStructure = z.object({
  school: z.object({
    name: z.string(),
    timeZone: z.string(),
    /** for the school's public page: families without an invite ask to join with it */
    joinCode: z.string(),
    academicYear: z.int(),
    subjectTeachersInParentChats: z.boolean(),
    /** direct chats between two parents / two students (off by default) */
    directParentToParent: z.boolean(),
    directStudentToStudent: z.boolean(),
  }),
  classes: z.array(ZClassSummary),
});
export type TSchoolStructure = z.infer<typeof ZSchoolStructure>;

const ZPersonRef = z.object({ id: ZId, fullName: z.string() });

export const ZClassCard = z.extend(ZClassSummary, {
  students: z.array(
    z.extend(ZPersonRef, {
      /** `joined`: has set a password and can log in */
      parents: z.array(z.extend(ZPersonRef, { joined: z.boolean() })),
    }),
  ),
  subjectTeachers: z.array(z.object({ teacher: ZPersonRef, subject: z.string() })),
  committee: z.array(ZPersonRef),
  /** what the viewer may do with this class (org/policy.ts `classAbilities`) */
  policies: z.object({
    /** build it: teachers, students, transfers */
    manage: z.boolean(),
    /** its own matters: parents linked, the committee */
    edit: z.boolean(),
    /** open the person cards of its people */
    openPeople: z.boolean(),
  }),
});
export type TClassCard = z.infer<typeof ZClassCard>;

export const ZPersonCard = z.object({
  id: ZId,
  fullName: z.string(),
  roles: z.array(ZRole),
  left: z.boolean(),
  class: z.nullable(z.object({ id: ZId, name: z.string() })),
  children: z.array(z.extend(ZPersonRef, { className: z.nullable(z.string()) })),
  parents: z.array(ZPersonRef),
  leads: z.array(z.object({ id: ZId, name: z.string() })),
  /** who a parent is, for staff: «мама Миши В., 1А» (as in `ZPersonSummary`) */
  context: z.optional(z.nullable(z.string())),
  /** only for admins and the person themself; an admin's read is audited */
  contacts: z.nullable(
    z.object({ login: z.string(), email: z.nullable(z.string()), phone: z.nullable(z.string()) }),
  ),
  /** what the viewer may do with this person (org/policy.ts `personAbilities`) */
  policies: z.object({
    /** the roles the viewer may switch on or off (none: the roles are only shown) */
    setRoles: z.array(ZRole),
    /** a new password link, «Выбыл из школы» */
    manage: z.boolean(),
    /** put a student into a class, or move them to another */
    placeInClass: z.boolean(),
    /** «Написать лично» */
    writeDirect: z.boolean(),
  }),
});
export type TPersonCard = z.infer<typeof ZPersonCard>;

export const ZAssignClassTeacherRequest = z.strictObject({ teacherId: z.nullable(ZId) });
export const ZSubjectTeacherRequest = z.strictObject({
  teacherId: ZId,
  subject: ZLine.check(z.trim(), z.minLength(2), z.maxLength(80)),
});
export type TSubjectTeacherRequest = z.infer<typeof ZSubjectTeacherRequest>;
export const ZCommitteeRequest = z.strictObject({ parentId: ZId, member: z.boolean() });
export const ZPlaceStudentRequest = z.strictObject({ classId: ZId });
export const ZGuardianRequest = z.strictObject({ parentId: ZId });
export const ZSetRolesRequest = z.strictObject({
  roles: z
    .array(ZRole)
    .check(
      z.maxLength(7),
      z.refine(givenByHand, 'class teachers are assigned to a class, not given the role'),
    ),
});
export type TSetRolesRequest = z.infer<typeof ZSetRolesRequest>;
/** Time zones offered first: Russia's, west to east. Any IANA zone is accepted. */
export const russianTimeZones = [
  'Europe/Kaliningrad',
  'Europe/Moscow',
  'Europe/Samara',
  'Asia/Yekaterinburg',
  'Asia/Omsk',
  'Asia/Novosibirsk',
  'Asia/Krasnoyarsk',
  'Asia/Irkutsk',
  'Asia/Yakutsk',
  'Asia/Vladivostok',
  'Asia/Magadan',
  'Asia/Kamchatka',
] as const;

/** School-wide choices; what is left out stays as it is. */
export const ZSchoolSettingsRequest = z.strictObject({
  name: z.optional(ZSchoolName),
  timeZone: z.optional(ZTimeZone),
  /** «Скрыть» on the «Первые шаги» checklist */
  firstStepsHidden: z.optional(z.boolean()),
  subjectTeachersInParentChats: z.optional(z.boolean()),
  directParentToParent: z.optional(z.boolean()),
  directStudentToStudent: z.optional(z.boolean()),
});
export type TSchoolSettingsRequest = z.infer<typeof ZSchoolSettingsRequest>;

export const ZRolloverPlan = z.object({
  fromYear: z.int(),
  toYear: z.int(),
  /** «5А» → «6А» */
  promoted: z.array(z.object({ classId: ZId, from: z.string(), to: z.string() })),
  /** graduating classes: their chats become read-only history, their students leave */
  graduated: z.array(z.object({ classId: ZId, name: z.string(), students: z.int() })),
  /** false when this year was already rolled over */
  pending: z.boolean(),
  /** the first day the rollover may be applied (1 July of the new year), as YYYY-MM-DD */
  availableFrom: z.string(),
});
export type TRolloverPlan = z.infer<typeof ZRolloverPlan>;
export const ZRolloverRequest = z.strictObject({ fromYear: z.int().check(z.gte(2000), z.lte(2100)) });
