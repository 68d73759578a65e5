import type { TMessage } from '@parta/protocol';
import { shortName } from '../format/names.js';
import { previewText } from '../format/text.js';
import { t } from '../i18n/index.js';

type TQuote = NonNullable<TMessage['replyTo']>;

/**
 * The start of the message a reply answers; a button that shows the original
 * when given `onOpen`. The button is named by what it shows (after a hidden
 * «Перейти к исходному сообщению:»), so speech and screen readers agree.
 */
export function Quote({ quote, onOpen }: { quote: TQuote; onOpen?: (messageId: number) => void }) {
  const text = quote.deleted ? t('message.deleted') : previewText(quote.body);
  const content = (
    <>
      <span class="quote__author">{shortName(quote.authorName)}</span>
      <span class={`quote__text${quote.deleted ? ' quote__text--deleted' : ''}`}>{text}</span>
    </>
  );
  if (!onOpen) return <span class="quote">{content}</span>;
  return (
    <button type="button" class="quote quote--button" onClick={() => onOpen(quote.id)}>
      <span class="visually-hidden">{t('message.toQuoted')} </span>
      {content}
    </button>
  );
}
