import type { TChat } from '@parta/protocol';
import { useEffect, useState } from 'preact/hooks';
import { messagePreview } from '../format/preview.js';
import { t } from '../i18n/index.js';
import { setPinned } from '../state/compose.js';
import { loadPins, pins } from '../state/pins.js';
import { jumpToMessage } from '../state/view.js';
import { CloseIcon, PinIcon } from './icons.js';

/** The latest pinned message above the chat; a tap shows it in the chat. Named by what it shows, as the quote is. */
export function PinnedBar({ chat }: { chat: TChat }) {
  const list = pins.value.get(chat.id) ?? [];
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void loadPins(chat.id);
  }, [chat.id]);
  const latest = list[0];
  if (!latest) return null;
  const label = list.length > 1 ? t('pins.several', { count: list.length }) : t('pins.one');
  return (
    <div class="pinned-bar" data-testid="pinned-bar">
      <button type="button" class="pinned-bar__open" onClick={() => jumpToMessage(chat.id, latest.id)}>
        <PinIcon class="pinned-bar__icon" width="18" height="18" />
        <span class="visually-hidden">{t('pins.open')} </span>
        <span class="pinned-bar__text">
          <span class="pinned-bar__label">{error ?? label}</span>
          <span class="pinned-bar__preview">{messagePreview(latest)}</span>
        </span>
      </button>
      {chat.policies.pin && (
        <button
          type="button"
          class="icon-button pinned-bar__unpin"
          aria-label={t('pins.unpin')}
          onClick={() =>
            setPinned(latest, false).then(
              () => setError(null),
              (failure: Error) => setError(failure.message),
            )
          }
        >
          <CloseIcon width="18" height="18" />
        </button>
      )}
    </div>
  );
}
