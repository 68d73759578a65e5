import type { ReactionEmoji, TMessage } from '@parta/protocol';
import { t } from '../i18n/index.js';

/** The reactions someone has chosen, with counts; a tap adds or takes back one's own. */
export function Reactions({
  message,
  myId,
  disabled,
  onReact,
}: {
  message: TMessage;
  myId: number;
  disabled: boolean;
  onReact: (message: TMessage, emoji: ReactionEmoji) => void;
}) {
  return (
    <ul class="reactions" aria-label={t('message.reactions')}>
      {message.reactions.map(({ emoji, userIds }) => {
        const mine = userIds.includes(myId);
        return (
          <li key={emoji}>
            <button
              type="button"
              class={`reaction${mine ? ' reaction--mine' : ''}`}
              aria-pressed={mine}
              disabled={disabled}
              aria-label={t('message.reaction', { emoji, n: userIds.length })}
              onClick={() => onReact(message, emoji)}
            >
              <span aria-hidden="true">{emoji}</span>
              <span class="reaction__count" aria-hidden="true">
                {userIds.length}
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
