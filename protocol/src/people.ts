import { z } from 'zod/mini';
import { ZResetLink } from './auth.js';
import { ZEmail, ZId, ZIdParam, ZLogin, ZPersonName, ZPhone, ZRole } from './common.js';
import { givenByHand } from './roles.js';
import { ZLine } from './text-input.js';

export const ZCreatePersonRequest = z.strictObject({
  fullName: ZPersonName,
  login: ZLogin,
  roles: z
    .array(ZRole)
    .check(
      z.minLength(1),
      z.maxLength(7),
      z.refine(givenByHand, 'class teachers are assigned to a class, not given the role'),
    ),
  email: z.optional(ZEmail),
  phone: z.optional(ZPhone),
});
export type TCreatePersonRequest = z.infer<typeof ZCreatePersonRequest>;

/** What anyone in the school may see of a person: no contact data. */
export const ZPersonSummary = z.object({
  id: ZId,
  fullName: z.string(),
  roles: z.array(ZRole),
  /** a student's class («5А»), if any */
  className: z.optional(z.nullable(z.string())),
  /**
   * who a parent is, for staff who see families: «мама Миши В., 1А»
   * (org/family-label.ts); null or absent for everyone else
   */
  context: z.optional(z.nullable(z.string())),
});
export type TPersonSummary = z.infer<typeof ZPersonSummary>;

/** `GET /api/people`: narrowed on the server (the list of a school runs to thousands). */
export const ZPeopleQuery = z.strictObject({
  /** a part of the full name, any case */
  q: z.optional(ZLine.check(z.trim(), z.maxLength(100))),
  /** one role, or several separated by commas (`teacher,class_teacher`): anyone with one of them */
  role: z.optional(
    z.pipe(
      z.pipe(
        z.string(),
        z.transform((text) => [...new Set(text.split(','))]),
      ),
      z.array(ZRole).check(z.minLength(1), z.maxLength(7)),
    ),
  ),
  /** a class's students, their parents and its teachers */
  classId: z.optional(ZIdParam),
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(500)), 500),
});
export type TPeopleQuery = z.input<typeof ZPeopleQuery>;

export const ZPeopleList = z.object({
  people: z.array(ZPersonSummary),
  /** more people match than `limit`: narrow the search */
  more: z.optional(z.boolean()),
  /** the school's classes, to narrow by (`classId`) */
  classes: z.optional(z.array(z.object({ id: ZId, name: z.string() }))),
});

export type TPeopleList = z.infer<typeof ZPeopleList>;

export const ZCreatedPerson = z.object({ person: ZPersonSummary, setPasswordLink: ZResetLink });
export type TCreatedPerson = z.infer<typeof ZCreatedPerson>;
