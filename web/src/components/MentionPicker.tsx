import type { Candidate } from '../format/mentions.js';
import { t } from '../i18n/index.js';

/** The people to mention for the «@…» being typed; the composer's arrows and Enter choose. */
export function MentionPicker({
  id,
  candidates,
  active,
  onPick,
}: {
  id: string;
  candidates: readonly Candidate[];
  active: number;
  onPick: (candidate: Candidate) => void;
}) {
  return (
    <div class="mention-picker" id={id} role="listbox" aria-label={t('composer.mentionList')}>
      {candidates.map((candidate, index) => (
        <div
          key={candidate.id}
          tabIndex={-1}
          id={`${id}-${index}`}
          role="option"
          aria-selected={index === active}
          class={`mention-picker__item${index === active ? ' mention-picker__item--active' : ''}`}
          // Chosen on press, before the field loses focus.
          onMouseDown={(event) => {
            event.preventDefault();
            onPick(candidate);
          }}
        >
          {candidate.id === 0 ? (
            <>
              <span class="mention-picker__name">@{candidate.fullName}</span>
              <span class="mention-picker__hint">{t('composer.everyoneHint')}</span>
            </>
          ) : (
            <>
              <span class="mention-picker__name">{candidate.fullName}</span>
              {candidate.context && <span class="mention-picker__hint">{candidate.context}</span>}
            </>
          )}
        </div>
      ))}
    </div>
  );
}
