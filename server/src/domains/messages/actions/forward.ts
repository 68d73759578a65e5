import type { TForwardRequest } from '@parta/protocol';
import type { StatementAction } from '../../../infra/actions.js';
import { AppError } from '../../../infra/errors.js';
import { accessChat } from '../../chats/access.js';
import { loadMessage } from '../present.js';
import { type Sent, writeMessage } from './post.js';

/** A copy of a message one may read, posted to a chat one may write in, naming the original's author. */
export const forwardMessage: StatementAction<
  TForwardRequest & { chatId: number; messageId: number },
  Sent
> = async ({ db, actor, now }, input) => {
  await accessChat(db, actor, input.chatId);
  const original = await loadMessage(db, input.messageId);
  if (!original || original.chatId !== input.chatId) throw new AppError('messages.not_found');
  if (original.deletedAt) throw new AppError('messages.deleted');
  return writeMessage(db, actor, now, {
    chatId: input.toChatId,
    clientId: input.clientId,
    body: original.body,
    forwardedFromName: original.forwardedFrom?.authorName ?? original.authorName,
  });
};
