import type { TMessage } from '@parta/protocol';
import { sql } from 'drizzle-orm';
import type { Queryable } from '../../../db/client.js';
import type { ActionCtx, ActionOutcome } from '../../../infra/actions.js';
import type { AuditEntry } from '../../../infra/audit.js';
import { requirePerson } from '../../../infra/require.js';
import { claimFiles } from '../../files/attach.js';

/**
 * A message with files: the row and the files it claims (files/attach.ts)
 * are more than one statement, so this runs as an ordinary transaction
 * (`InsteadOutcome`). A retry with the same client id answers what is stored.
 */
export async function sendWithFiles(
  { tx, actor }: ActionCtx,
  input: {
    /** the `messages` row, as the one-statement path would write it */
    row: Record<string, unknown> & { id: number; chat_id: number; client_id: string };
    audit: AuditEntry;
    attachmentIds: number[];
    readers: number[];
    /** the message as its author sees it once stored, or null */
    stored: (db: Queryable) => Promise<TMessage | null>;
  },
): Promise<ActionOutcome<TMessage>> {
  const author = requirePerson(actor);
  const retried = await input.stored(tx);
  if (retried) return { result: retried, audit: null };
  const columns = sql.raw(Object.keys(input.row).join(', '));
  await tx.execute(sql`
    insert into messages (${columns}) select ${columns}
    from jsonb_populate_record(null::messages, ${JSON.stringify(input.row)}::jsonb)`);
  const claim = { chatId: input.row.chat_id, clientId: input.row.client_id, messageId: input.row.id };
  await claimFiles(tx, author, claim, input.attachmentIds);
  const sent = (await input.stored(tx))!;
  const { policies: _theirs, ...everyones } = sent;
  return {
    result: sent,
    events: [{ payload: { type: 'messages.send', message: everyones }, userIds: input.readers }],
    audit: input.audit,
  };
}
