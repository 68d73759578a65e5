import { sql } from 'drizzle-orm';
import type { Action } from '../../infra/actions.js';
import type { Storage } from '../../infra/storage.js';

const HOUR_MS = 60 * 60 * 1000;
/** An upload no message took within a day was abandoned (a closed tab, a cancelled send). */
export const ABANDONED_AFTER_MS = 24 * HOUR_MS;
/** Bytes written this recently may belong to an upload whose row is not committed yet. */
const SETTLING_MS = HOUR_MS;

/**
 * The files' upkeep, a recurring job: the rows of files whose message was
 * deleted (their readers lost them at the deletion: downloads answer 404)
 * and of uploads abandoned for a day go; then bytes no row refers to leave
 * the storage. Bytes are content-addressed and may be shared by several
 * rows, so they go only when no row is left; and only once they have
 * settled, since an upload keeps its bytes a moment before its row commits.
 */
export function sweepFiles(storage: Storage): Action<unknown, { rows: number; bytes: number }> {
  return async ({ tx, now }) => {
    const gone = await tx.execute(sql`
      delete from files f
      where exists (select from messages m where m.id = f.message_id and m.deleted_at is not null)
        or (f.message_id is null and f.created_at < ${new Date(now.getTime() - ABANDONED_AFTER_MS)}
          and not exists (select from pending_messages p where p.chat_id = f.chat_id
            and p.author_id = f.uploader_id and p.client_id = f.client_id))`);
    let removed = 0;
    const settled = now.getTime() - SETTLING_MS;
    const candidates: string[] = [];
    for await (const stored of storage.list()) {
      if (stored.writtenAt.getTime() < settled) candidates.push(stored.key);
    }
    for (let start = 0; start < candidates.length; start += 1000) {
      const keys = `{${candidates.slice(start, start + 1000).join(',')}}`;
      const used = await tx.execute<{ key: string }>(sql`
        select storage_key as key from files where storage_key = any(${keys}::text[])
        union select thumbnail_key from files where thumbnail_key = any(${keys}::text[])`);
      const inUse = new Set(used.rows.map((row) => row.key));
      for (const key of candidates.slice(start, start + 1000)) {
        if (inUse.has(key)) continue;
        await storage.remove(key);
        removed += 1;
      }
    }
    const rows = gone.rowCount ?? 0;
    return {
      result: { rows, bytes: removed },
      audit:
        rows + removed > 0
          ? { type: 'retention.prune', data: { what: 'files', rows, stored: removed } }
          : null,
    };
  };
}
