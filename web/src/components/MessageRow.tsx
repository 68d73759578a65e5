import type { TMessage } from '@parta/protocol';
import { clock } from '../format/time.js';
import { t } from '../i18n/index.js';
import { discard, type Pending, retry } from '../state/outbox.js';
import { AlertIcon, ClockIcon } from './icons.js';

export type Row =
  | { kind: 'message'; key: string; day: string | null; message: TMessage; own: boolean; showAuthor: boolean }
  | { kind: 'pending'; key: string; day: string | null; pending: Pending };

function DayTitle({ title }: { title: string | null }) {
  if (!title) return null;
  return (
    <p class="day">
      <span>{title}</span>
    </p>
  );
}

export function MessageRow({ row, timeZone }: { row: Row; timeZone: string }) {
  if (row.kind === 'pending') return <PendingRow row={row} />;
  const { message, own, showAuthor } = row;
  return (
    <div class="row">
      <DayTitle title={row.day} />
      <div
        class={`message${own ? ' message--own' : ''}${showAuthor ? ' message--first' : ''}`}
        data-testid="message"
      >
        <div class="bubble">
          {showAuthor && <p class="bubble__author">{message.authorName}</p>}
          <p class="bubble__body" data-testid="message-body">
            {message.body}
          </p>
          <p class="bubble__meta">
            <time dateTime={message.createdAt}>{clock(new Date(message.createdAt), timeZone)}</time>
          </p>
        </div>
      </div>
    </div>
  );
}

function PendingRow({ row }: { row: Extract<Row, { kind: 'pending' }> }) {
  const { pending } = row;
  return (
    <div class="row">
      <DayTitle title={row.day} />
      <div
        class="message message--own"
        data-testid="message"
        data-state={pending.failed ? 'failed' : 'pending'}
      >
        <div class="bubble">
          <p class="bubble__body" data-testid="message-body">
            {pending.body}
          </p>
          <p class="bubble__meta">
            {pending.failed ? (
              <span class="bubble__failed">
                <AlertIcon width="14" height="14" />
                {t('chat.failed')}
              </span>
            ) : (
              <span class="bubble__pending" title={t('chat.pending')}>
                <ClockIcon width="14" height="14" />
                <span class="visually-hidden">{t('chat.pending')}</span>
              </span>
            )}
          </p>
        </div>
        {pending.failed && (
          <div class="message__actions">
            <p class="message__error">{pending.failed.message}</p>
            <button type="button" class="button button--small" onClick={() => retry(pending.clientId)}>
              {t('chat.retry')}
            </button>
            <button
              type="button"
              class="button button--small button--quiet"
              onClick={() => discard(pending.clientId)}
            >
              {t('chat.discard')}
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
