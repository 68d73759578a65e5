import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import type { Person } from '../../infra/actor.js';
import { AppError } from '../../infra/errors.js';

/**
 * A message claims the files its author uploaded to its chat for it (by the
 * message's client id), and carries them from `messageId` on; a message that
 * waits for the working hours claims them now and carries them once it is
 * delivered (messages/pending/release.ts). A file of another chat or person,
 * or one already sent, is refused: `files.not_attachable`.
 */
export async function claimFiles(
  tx: Tx,
  author: Person,
  message: { chatId: number; clientId: string; messageId: number | null },
  fileIds: readonly number[],
): Promise<void> {
  if (fileIds.length === 0) return;
  const ids = `{${fileIds.join(',')}}`;
  const claimed = await tx.execute(sql`
    update files set client_id = ${message.clientId}, message_id = ${message.messageId},
      position = array_position(${ids}::bigint[], id)
    where id = any(${ids}::bigint[]) and school_id = ${author.schoolId} and chat_id = ${message.chatId}
      and uploader_id = ${author.userId} and message_id is null
      and (client_id is null or client_id = ${message.clientId})`);
  if (claimed.rowCount !== new Set(fileIds).size) throw new AppError('files.not_attachable');
}
