import { MAX_MESSAGE_LENGTH } from '@parta/protocol';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n/index.js';
import { enqueue } from '../state/outbox.js';
import { SendIcon } from './icons.js';

const drafts = new Map<number, string>();
const WARN_AT = MAX_MESSAGE_LENGTH - 300;
const MAX_HEIGHT_PX = 180;

/**
 * Enter sends, Shift+Enter starts a new line. The message goes to the outbox
 * at once, so it is never lost to a bad connection; the draft of each chat is kept.
 */
export function Composer({ chatId }: { chatId: number }) {
  const [text, setText] = useState(() => drafts.get(chatId) ?? '');
  const area = useRef<HTMLTextAreaElement>(null);
  const body = text.trim();
  const left = MAX_MESSAGE_LENGTH - text.length;

  useLayoutEffect(() => {
    const element = area.current;
    if (!element) return;
    element.style.height = 'auto';
    const height = element.scrollHeight + element.offsetHeight - element.clientHeight;
    element.style.height = `${Math.min(height, MAX_HEIGHT_PX)}px`;
    element.style.overflowY = height > MAX_HEIGHT_PX ? 'auto' : 'hidden';
  }, [text]);

  function change(value: string) {
    setText(value);
    if (value) drafts.set(chatId, value);
    else drafts.delete(chatId);
  }

  function send() {
    if (!body || body.length > MAX_MESSAGE_LENGTH) return;
    enqueue(chatId, body);
    change('');
    area.current?.focus();
  }

  return (
    <form
      class="composer"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <div class="composer__field">
        <label class="visually-hidden" for={`composer-${chatId}`}>
          {t('composer.label')}
        </label>
        <textarea
          id={`composer-${chatId}`}
          ref={area}
          rows={1}
          value={text}
          maxLength={MAX_MESSAGE_LENGTH}
          placeholder={t('composer.placeholder')}
          aria-describedby={left <= MAX_MESSAGE_LENGTH - WARN_AT ? `composer-${chatId}-left` : undefined}
          onInput={(event) => change(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
              event.preventDefault();
              send();
            }
          }}
        />
        {text.length >= WARN_AT && (
          <p class="composer__left" id={`composer-${chatId}-left`}>
            {t('composer.left', { count: left })}
          </p>
        )}
      </div>
      <button type="submit" class="composer__send" disabled={!body} aria-label={t('composer.send')}>
        <SendIcon />
      </button>
    </form>
  );
}
