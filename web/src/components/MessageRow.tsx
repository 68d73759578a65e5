import type { ReactionEmoji, TMessage, TPendingMessage } from '@parta/protocol';
import { t } from '../i18n/index.js';
import type { Pending } from '../state/outbox.js';
import { DayTitle } from './DayTitle.js';
import { MessageBubble } from './MessageBubble.js';
import { PendingRow } from './PendingRow.js';
import { WaitingRow } from './WaitingRow.js';

export type Row =
  | {
      kind: 'message';
      key: string;
      day: string | null;
      /** «Новые сообщения» above this one: the first the reader had not read when the chat opened */
      firstUnread: boolean;
      message: TMessage;
      own: boolean;
      showAuthor: boolean;
    }
  | { kind: 'pending'; key: string; day: string | null; pending: Pending }
  /** held for the working hours, or scheduled: on the server, not delivered yet */
  | { kind: 'waiting'; key: string; day: null; waiting: TPendingMessage };

/** What every row of a chat needs to know and to do, passed down once. */
export interface RowContext {
  myId: number;
  timeZone: string;
  /** members besides an author: the «из 30» of «Прочитали 23 из 30» */
  readers: number;
  direct: boolean;
  /** the chat's owners see who has read every message, not only their own */
  seesAllReads: boolean;
  /** reactions are possible (not an archive) */
  canReact: boolean;
  /** the message just jumped to, briefly highlighted */
  flashId: number | null;
  onMenu: (message: TMessage) => void;
  onReact: (message: TMessage, emoji: ReactionEmoji) => void;
  onQuote: (messageId: number) => void;
  onReads: (message: TMessage) => void;
}

export function MessageRow({ row, ctx }: { row: Row; ctx: RowContext }) {
  if (row.kind === 'pending') return <PendingRow row={row} myId={ctx.myId} />;
  if (row.kind === 'waiting')
    return <WaitingRow message={row.waiting} myId={ctx.myId} timeZone={ctx.timeZone} />;
  return (
    <div class="row" data-message-id={row.message.id}>
      <DayTitle title={row.day} />
      {row.firstUnread && (
        <p class="unread-divider" data-testid="unread-divider">
          <span>{t('chat.newMessages')}</span>
        </p>
      )}
      <MessageBubble message={row.message} own={row.own} showAuthor={row.showAuthor} ctx={ctx} />
    </div>
  );
}
