import { t } from '../i18n/index.js';
import type { ComposeMode } from '../state/compose.js';
import { quoteOf } from '../state/threads.js';
import { CloseIcon, EditIcon, ReplyIcon } from './icons.js';
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
