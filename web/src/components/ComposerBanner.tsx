import { t } from '../i18n/index.js';
import type { ComposeMode } from '../state/compose.js';
import { quoteOf } from '../state/threads.js';
import { ClockIcon, CloseIcon, EditIcon, ReplyIcon } from './icons.js';
import { Quote } from './Quote.js';

/** Above the field: the message being answered or edited, and the way out of it. */
export function ComposerBanner({ mode, onCancel }: { mode: ComposeMode; onCancel: () => void }) {
  const replying = mode.kind === 'reply';
  return (
    <div class="composer__banner" data-testid="composer-banner">
      {replying ? <ReplyIcon class="composer__banner-icon" /> : <EditIcon class="composer__banner-icon" />}
      <div class="composer__banner-text">
        <p class="composer__banner-title">{replying ? t('composer.replyTo') : t('composer.editing')}</p>
        <Quote quote={quoteOf(mode.message)} />
      </div>
      <button
        type="button"
        class="icon-button"
        onClick={onCancel}
        aria-label={replying ? t('composer.cancelReply') : t('composer.cancelEdit')}
      >
        <CloseIcon width="20" height="20" />
      </button>
    </div>
  );
}

/**
 * A study chat outside the working hours: when what is written now will
 * arrive, said before «Отправить»; and, for those who may, the way to send
 * it now anyway.
 */
export function HoursNote({
  id,
  when,
  onUrgent,
}: {
  /** the field names it as its description: a screen reader hears it on entering the field */
  id: string;
  when: string;
  onUrgent: (() => void) | null;
}) {
  return (
    <div class="composer__banner composer__hours" data-testid="hours-note">
      <ClockIcon class="composer__banner-icon" />
      <p class="composer__banner-text" id={id}>
        {t('afterHours.closed', { when })}
      </p>
      {onUrgent && (
        <button type="button" class="button button--small button--quiet" onClick={onUrgent}>
          {t('afterHours.urgent')}
        </button>
      )}
    </div>
  );
}
