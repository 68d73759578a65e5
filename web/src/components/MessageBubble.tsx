import type { TMessage } from '@parta/protocol';
import { shortName } from '../format/names.js';
import { clock, whenNear } from '../format/time.js';
import { t } from '../i18n/index.js';
import { mentionsMe } from '../state/chats.js';
import { serverNow } from '../state/hours.js';
import { Attachments } from './Attachments.js';
import { CheckIcon, MoreIcon, PinIcon } from './icons.js';
import type { RowContext } from './MessageRow.js';
import { Quote } from './Quote.js';
import { Reactions } from './Reactions.js';
import { RichText } from './RichText.js';

/**
 * A tick and a number beside the time of one's own messages (and of every
 * message, for those who see who read): «✓ 23», two ticks once everyone has
 * read; in a direct chat one tick or two. Its name says it in full
 * («Прочитали 23 из 30»); a tap opens «Кто прочитал».
 */
function ReadReceipt({ message, ctx }: { message: TMessage; ctx: RowContext }) {
  if (ctx.readers <= 0) return null;
  const count = message.readCount ?? 0;
  const all = count >= ctx.readers;
  const label = ctx.direct
    ? count > 0
      ? t('reads.seen')
      : t('reads.notSeen')
    : t('reads.count', { read: count, total: ctx.readers });
  return (
    <button
      type="button"
      class="read-receipt"
      data-testid="read-receipt"
      onClick={() => ctx.onReads(message)}
      aria-haspopup="dialog"
      aria-label={label}
      title={label}
    >
      <span class="read-receipt__ticks" aria-hidden="true">
        <CheckIcon width="14" height="14" />
        {all && <CheckIcon width="14" height="14" />}
      </span>
      {!ctx.direct && <span aria-hidden="true">{count}</span>}
    </button>
  );
}

export function MessageBubble({
  message,
  own,
  showAuthor,
  ctx,
}: {
  message: TMessage;
  own: boolean;
  showAuthor: boolean;
  ctx: RowContext;
}) {
  const deleted = message.deletedAt !== null;
  const mentioned = !deleted && mentionsMe(message, ctx.myId);
  const classes = ['message'];
  if (own) classes.push('message--own');
  if (showAuthor) classes.push('message--first');
  if (mentioned) classes.push('message--mention');
  if (ctx.flashId === message.id) classes.push('message--flash');
  return (
    <div class={classes.join(' ')} data-testid="message" data-state="sent">
      <div class="message__line">
        <div class={`bubble${deleted ? ' bubble--deleted' : ''}`}>
          {message.forwardedFrom && (
            <p class="bubble__forwarded">
              {t('message.forwardedFrom', { name: shortName(message.forwardedFrom.authorName) })}
            </p>
          )}
          {showAuthor && (
            <p class="bubble__author">
              {message.authorName}
              {message.authorContext && (
                <span class="bubble__author-context" data-testid="author-context">
                  {` · ${message.authorContext}`}
                </span>
              )}
            </p>
          )}
          {message.replyTo && !deleted && <Quote quote={message.replyTo} onOpen={ctx.onQuote} />}
          {deleted ? (
            <p class="bubble__body bubble__body--deleted" data-testid="message-body">
              {t('message.deleted')}
            </p>
          ) : (
            <>
              {message.attachments && message.attachments.length > 0 && (
                <Attachments files={message.attachments} />
              )}
              {(message.body || !message.attachments?.length) && (
                <p class="bubble__body" data-testid="message-body">
                  <RichText body={message.body} myId={ctx.myId} />
                </p>
              )}
            </>
          )}
          <p class="bubble__meta">
            {message.pinnedAt && !deleted && (
              <span class="bubble__pinned" title={t('message.pinned')}>
                <PinIcon width="13" height="13" />
                <span class="visually-hidden">{t('message.pinned')}</span>
              </span>
            )}
            {message.delivery === 'urgent' && !deleted && (
              <span class="bubble__urgent" data-testid="urgent" title={t('message.urgentHint')}>
                {t('message.urgent')}
              </span>
            )}
            {message.delivery === 'held' && message.writtenAt && !deleted && (
              <>
                <span data-testid="written-at">
                  {t('message.writtenAt', {
                    when: whenNear(new Date(message.writtenAt), ctx.timeZone, serverNow()),
                  })}
                </span>
                <span aria-hidden="true">·</span>
              </>
            )}
            {message.editedAt && !deleted && <span data-testid="edited">{t('message.edited')}</span>}
            <time dateTime={message.createdAt}>{clock(new Date(message.createdAt), ctx.timeZone)}</time>
            {!deleted && (own || ctx.seesAllReads) && <ReadReceipt message={message} ctx={ctx} />}
          </p>
        </div>
        <button
          type="button"
          class="message__more"
          onClick={() => ctx.onMenu(message)}
          aria-haspopup="dialog"
          aria-label={t('message.actions', { name: message.authorName })}
        >
          <MoreIcon width="20" height="20" />
        </button>
      </div>
      {!deleted && message.reactions.length > 0 && (
        <Reactions message={message} myId={ctx.myId} disabled={!ctx.canReact} onReact={ctx.onReact} />
      )}
    </div>
  );
}
