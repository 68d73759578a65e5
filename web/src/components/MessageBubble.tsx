import type { TMessage } from '@parta/protocol';
import { shortName } from '../format/names.js';
import { clock } from '../format/time.js';
import { t } from '../i18n/index.js';
import { mentionsMe } from '../state/chats.js';
import { MoreIcon, PinIcon } from './icons.js';
import type { RowContext } from './MessageRow.js';
import { Quote } from './Quote.js';
import { Reactions } from './Reactions.js';
import { RichText } from './RichText.js';

/** «Прочитали 23 из 30» under the author's own messages (and every message, for those who see who read). */
function ReadReceipt({ message, ctx }: { message: TMessage; ctx: RowContext }) {
  if (ctx.readers <= 0) return null;
  const count = message.readCount ?? 0;
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
    >
      {label}
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
          {showAuthor && <p class="bubble__author">{message.authorName}</p>}
          {message.replyTo && !deleted && <Quote quote={message.replyTo} onOpen={ctx.onQuote} />}
          {deleted ? (
            <p class="bubble__body bubble__body--deleted" data-testid="message-body">
              {t('message.deleted')}
            </p>
          ) : (
            <p class="bubble__body" data-testid="message-body">
              <RichText body={message.body} myId={ctx.myId} />
            </p>
          )}
          <p class="bubble__meta">
            {message.pinnedAt && !deleted && (
              <span class="bubble__pinned" title={t('message.pinned')}>
                <PinIcon width="13" height="13" />
                <span class="visually-hidden">{t('message.pinned')}</span>
              </span>
            )}
            {message.editedAt && !deleted && <span data-testid="edited">{t('message.edited')}</span>}
            <time dateTime={message.createdAt}>{clock(new Date(message.createdAt), ctx.timeZone)}</time>
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
      {!deleted && (own || ctx.seesAllReads) && <ReadReceipt message={message} ctx={ctx} />}
    </div>
  );
}
