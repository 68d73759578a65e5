import { t } from '../i18n/index.js';
import { discard, retry } from '../state/outbox.js';
import { DayTitle } from './DayTitle.js';
import { AlertIcon, ClockIcon } from './icons.js';
import type { Row } from './MessageRow.js';
import { Quote } from './Quote.js';
import { RichText } from './RichText.js';

/** A message written here that the server has not confirmed: the clock, or what failed and what to do. */
export function PendingRow({ row, myId }: { row: Extract<Row, { kind: 'pending' }>; myId: number }) {
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
          {pending.replyTo && <Quote quote={pending.replyTo} />}
          <p class="bubble__body" data-testid="message-body">
            <RichText body={pending.body} myId={myId} />
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
        {pending.held && !pending.failed && (
          <p class="message__error" role="status" data-testid="message-held">
            {pending.held}
          </p>
        )}
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
