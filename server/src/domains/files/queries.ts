import type { TAttachment } from '@parta/protocol';
import { sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import type { Person } from '../../infra/actor.js';
import { AppError } from '../../infra/errors.js';
import { enforce } from '../../infra/require.js';
import { canReadFile } from './policy.js';

export interface StoredFile {
  id: number;
  name: string;
  mime: string;
  size: number;
  storageKey: string;
  thumbnailKey: string | null;
}

/** A file the person may fetch, or `files.not_found` (another school's answers the same). */
export async function readableFile(db: Queryable, person: Person, fileId: number): Promise<StoredFile> {
  const result = await db.execute<{
    id: string;
    name: string;
    mime: string;
    size: string;
    storage_key: string;
    thumbnail_key: string | null;
    uploader_id: number;
    attached: boolean;
    message_deleted: boolean;
    member: boolean;
  }>(sql`
    select f.id, f.name, f.mime, f.size, f.storage_key, f.thumbnail_key, f.uploader_id,
      f.message_id is not null as attached,
      coalesce((select m.deleted_at is not null from messages m where m.id = f.message_id), false) as message_deleted,
      exists (select from chat_members cm where cm.chat_id = f.chat_id and cm.user_id = ${person.userId}) as member
    from files f where f.id = ${fileId} and f.school_id = ${person.schoolId}`);
  const row = result.rows[0];
  if (!row) throw new AppError('files.not_found');
  enforce(
    canReadFile(person, {
      uploaderId: row.uploader_id,
      attached: row.attached,
      messageDeleted: row.message_deleted,
      member: row.member,
    }),
  );
  return {
    id: Number(row.id),
    name: row.name,
    mime: row.mime,
    size: Number(row.size),
    storageKey: row.storage_key,
    thumbnailKey: row.thumbnail_key,
  };
}

/** SQL: a message's files as `TAttachment[]` JSON, in the order they were sent; `message` is its id. */
export function attachmentsOf(message: string): string {
  return `(select coalesce(json_agg(json_build_object('id', f.id, 'kind', f.kind, 'name', f.name,
      'format', f.format, 'size', f.size, 'width', f.width, 'height', f.height, 'durationMs', f.duration_ms,
      'thumbnail', f.thumbnail_key is not null) order by f.position, f.id), '[]')
    from files f where f.message_id = ${message})`;
}

export type { TAttachment };
