import { z } from 'zod';
import type { Tx } from '../db/client.js';
import { run, statement } from '../db/prepared.js';

/**
 * Everything that changes state leaves one audit row. The types are a closed
 * list: treat a change here like a migration. `data` never holds message
 * text, passwords, tokens or contact data.
 */
export const auditTypes = [
  'school.setup',
  'people.create',
  'auth.login',
  'auth.login_failed',
  'auth.lockout',
  'auth.password_rehash',
  'auth.logout',
  'auth.logout_others',
  'auth.logout_session',
  'auth.password_change',
  'auth.reset_link_issue',
  'auth.password_reset',
  'classes.create',
  /** «Создать классы»: one row for the whole grid (`data`: the ids created, how many were there already) */
  'classes.create_many',
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
  'invites.claim_account',
  'joins.request',
  'joins.approve',
  'joins.reject',
  'chats.create',
  'chats.add_members',
  'chats.leave',
  'chats.mute',
  'chats.open_direct',
  'messages.send',
  'messages.forward',
  'messages.edit',
  'messages.delete',
  'messages.react',
  'messages.pin',
  /** sent outside the working hours with a reason (`data.reason`) */
  'messages.urgent',
  /** written to wait: for the working hours, or for the time its author chose */
  'messages.hold',
  'messages.pending_edit',
  'messages.pending_cancel',
  /** the job delivered waiting messages (`data`: how many, of how many chats) */
  'messages.release',
  'hours.settings',
  /** a file was received, checked and kept (`data`: chat, kind, format, size) */
  'files.upload',
  /** the school's file rules: limits, formats, quota */
  'files.settings',
  /** a background job deleted what outlived its retention (`data`: what, how many) */
  'retention.prune',
] as const;

export const ZAuditEntry = z.object({
  type: z.enum(auditTypes),
  schoolId: z.number().int().positive().optional(),
  subjectId: z.number().int().positive().optional(),
  data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.number())])).default({}),
});
export type AuditEntry = z.input<typeof ZAuditEntry>;

/** An audit entry, checked, as the row to write (without its time). */
export function auditRecord(
  entry: AuditEntry,
  actor: { schoolId: number | null; actorId: number | null },
): {
  school_id: number | null;
  actor_id: number | null;
  type: string;
  subject_id: number | null;
  data: object;
} {
  const parsed = ZAuditEntry.parse(entry);
  return {
    school_id: parsed.schoolId ?? actor.schoolId,
    actor_id: actor.actorId,
    type: parsed.type,
    subject_id: parsed.subjectId ?? null,
    data: parsed.data,
  };
}

/** An audit entry, checked, as the parameters of `auditInsert`: school, actor, type, subject, data. */
export function auditParams(
  entry: AuditEntry,
  actor: { schoolId: number | null; actorId: number | null },
): unknown[] {
  const row = auditRecord(entry, actor);
  return [row.school_id, row.actor_id, row.type, row.subject_id, JSON.stringify(row.data)];
}

/**
 * The insert of one audit row, its parameters numbered from `first` in the
 * order of `auditParams`, and the time as `at`. Also used inside the events
 * statement (events.ts), so that a change's audit row and its events cost
 * one round trip.
 */
export function auditInsert(first: number, at: string): string {
  const $ = (i: number) => `$${first + i}`;
  return `insert into audit_log (school_id, actor_id, type, subject_id, data, created_at)
    select ${$(0)}::integer, ${$(1)}::integer, ${$(2)}, ${$(3)}::bigint, ${$(4)}::jsonb, ${at}`;
}

const writeAuditStatement = statement('audit.write', auditInsert(1, '$6'));

/** Writes an audit row alone (a change without events); `params` from `auditParams`. */
export async function writeAudit(tx: Tx, params: unknown[], at: Date): Promise<void> {
  await run(tx, writeAuditStatement, [...params, at]);
}
