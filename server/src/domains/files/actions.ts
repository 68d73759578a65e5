import type { TAttachment } from '@parta/protocol';
import { files } from '../../db/schema.js';
import type { Action } from '../../infra/actions.js';
import { requirePerson } from '../../infra/require.js';
import { accessChat } from '../chats/access.js';
import { canPostMessage } from '../chats/policy.js';
import type { Received } from './receive.js';

/** Records a received file in the chat it was sent to; until a message carries it, only its sender sees it. */
export const recordUpload: Action<Received & { chatId: number; name: string }, TAttachment> = async (
  { tx, actor, now },
  input,
) => {
  const person = requirePerson(actor);
  await accessChat(tx, person, input.chatId, canPostMessage);
  const [row] = await tx
    .insert(files)
    .values({
      schoolId: person.schoolId,
      chatId: input.chatId,
      uploaderId: person.userId,
      kind: input.kind,
      format: input.format,
      mime: input.mime,
      name: input.name,
      size: input.size,
      storageKey: input.storageKey,
      thumbnailKey: input.thumbnailKey,
      width: input.width,
      height: input.height,
      durationMs: input.durationMs,
      createdAt: now,
    })
    .returning({ id: files.id });
  return {
    result: {
      id: row!.id,
      kind: input.kind,
      name: input.name,
      format: input.format,
      size: input.size,
      width: input.width,
      height: input.height,
      durationMs: input.durationMs,
      thumbnail: input.thumbnailKey !== null,
    },
    audit: {
      type: 'files.upload',
      subjectId: row!.id,
      data: { chatId: input.chatId, kind: input.kind, format: input.format, size: input.size },
    },
  };
};
