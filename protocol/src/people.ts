import { z } from 'zod';
import { ZResetLink } from './auth.js';
import { ZEmail, ZId, ZIdParam, ZLogin, ZPersonName, ZPhone, ZRole } from './common.js';
import { givenByHand } from './roles.js';
import { ZLine } from './text-input.js';

export const ZCreatePersonRequest = z.strictObject({
  fullName: ZPersonName,
  login: ZLogin,
  roles: z
    .array(ZRole)
    .min(1)
    .max(7)
    .refine(givenByHand, 'class teachers are assigned to a class, not given the role'),
  email: ZEmail.optional(),
  phone: ZPhone.optional(),
});
export type TCreatePersonRequest = z.infer<typeof ZCreatePersonRequest>;

/** What anyone in the school may see of a person: no contact data. */
export const ZPersonSummary = z.object({
  id: ZId,
  fullName: z.string(),
  roles: z.array(ZRole),
  /** a student's class («5А»), if any */
  className: z.string().nullable().optional(),
  /**
   * who a parent is, for staff who see families: «мама Миши В., 1А»
   * (org/family-label.ts); null or absent for everyone else
   */
  context: z.string().nullable().optional(),
});
export type TPersonSummary = z.infer<typeof ZPersonSummary>;

/** `GET /api/people`: narrowed on the server (the list of a school runs to thousands). */
export const ZPeopleQuery = z.strictObject({
  /** a part of the full name, any case */
  q: ZLine.trim().max(100).optional(),
  /** one role, or several separated by commas (`teacher,class_teacher`): anyone with one of them */
  role: z
    .string()
    .transform((text) => [...new Set(text.split(','))])
    .pipe(z.array(ZRole).min(1).max(7))
    .optional(),
  /** a class's students, their parents and its teachers */
  classId: ZIdParam.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(500),
});
export type TPeopleQuery = z.input<typeof ZPeopleQuery>;

export const ZPeopleList = z.object({
  people: z.array(ZPersonSummary),
  /** more people match than `limit`: narrow the search */
  more: z.boolean().optional(),
  /** the school's classes, to narrow by (`classId`) */
  classes: z.array(z.object({ id: ZId, name: z.string() })).optional(),
});

export type TPeopleList = z.infer<typeof ZPeopleList>;

export const ZCreatedPerson = z.object({ person: ZPersonSummary, setPasswordLink: ZResetLink });
export type TCreatedPerson = z.infer<typeof ZCreatedPerson>;
