import { z } from 'zod';
import { ZResetLink } from './auth.js';
import { ZEmail, ZId, ZLogin, ZPersonName, ZPhone, ZRole } from './common.js';
import { givenByHand } from './roles.js';

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
});
export type TPersonSummary = z.infer<typeof ZPersonSummary>;

export const ZPeopleList = z.object({ people: z.array(ZPersonSummary) });

export const ZCreatedPerson = z.object({ person: ZPersonSummary, setPasswordLink: ZResetLink });
export type TCreatedPerson = z.infer<typeof ZCreatedPerson>;
