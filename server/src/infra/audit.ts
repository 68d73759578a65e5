import { z } from 'zod';
import type { Tx } from '../db/client.js';
import { auditLog } from '../db/schema.js';

/**
 * Everything that changes state leaves one audit row. The types are a closed
 * list: treat a change here like a migration. `data` never holds message
 * text, passwords, tokens or contact data.
 */
export const auditTypes = [
  'school.setup',
  'people.create',
  'auth.login',
  'auth.logout',
  'auth.logout_others',
  'auth.password_change',
  'auth.reset_link_issue',
  'auth.password_reset',
  'classes.create',
  'classes.assign_teacher',
  'classes.assign_subject_teacher',
  'classes.remove_subject_teacher',
  'classes.set_committee',
  'people.enrol_student',
  'people.transfer_student',
  'people.link_guardian',
  'people.unlink_guardian',
  'people.set_roles',
  'people.set_locale',
  'people.leave',
  'people.contacts_read',
  'school.settings',
  'school.rollover',
  'school.demo',
  'invites.create',
  'invites.revoke',
  'invites.annul',
  'invites.redeem',
  'joins.request',
  'joins.approve',
  'joins.reject',
  'chats.create',
  'chats.add_members',
  'chats.open_direct',
  'messages.send',
  'messages.forward',
  'messages.edit',
  'messages.delete',
  'messages.react',
  'messages.pin',
] as const;

export const ZAuditEntry = z.object({
  type: z.enum(auditTypes),
  schoolId: z.number().int().positive().optional(),
  subjectId: z.number().int().positive().optional(),
  data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.number())])).default({}),
});
export type AuditEntry = z.input<typeof ZAuditEntry>;

export async function writeAudit(
  tx: Tx,
  entry: AuditEntry,
  actor: { schoolId: number | null; actorId: number | null },
  at: Date,
): Promise<void> {
  const parsed = ZAuditEntry.parse(entry);
  await tx.insert(auditLog).values({
    schoolId: parsed.schoolId ?? actor.schoolId,
    actorId: actor.actorId,
    type: parsed.type,
    subjectId: parsed.subjectId ?? null,
    data: parsed.data,
    createdAt: at,
  });
}
