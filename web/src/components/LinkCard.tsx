import type { TCreatedPerson } from '@parta/protocol';
import { useState } from 'preact/hooks';
import { whenFull } from '../format/time.js';
import { t } from '../i18n/index.js';
import { me } from '../state/session.js';
import { CheckIcon } from './icons.js';

export async function copyText(text: string, field: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Without clipboard access (plain http, old browsers): select the text for a manual copy.
    field?.select();
    return document.execCommand?.('copy') ?? false;
  }
}

/** The one-time link to hand to a new person, with what to tell them. */
export function LinkCard({
  created,
  reissued,
  onDone,
  doneLabel,
}: {
  created: TCreatedPerson;
  /** a new link for someone who already had one (a forgotten password) */
  reissued: boolean;
  onDone: () => void;
  /** the closing button's words when not the default «Добавить ещё» / «Готово» */
  doneLabel?: string;
}) {
  const [copied, setCopied] = useState(false);
  let field: HTMLInputElement | null = null;
  const { person, setPasswordLink } = created;
  return (
    <section class="card card--success" aria-labelledby="link-title">
      <h2 class="card__title" id="link-title">
        <CheckIcon />
        {t(reissued ? 'people.reissuedTitle' : 'people.createdTitle', { name: person.fullName })}
      </h2>
      <p>{t('people.linkExplain')}</p>
      <div class="copy">
        <label class="visually-hidden" for="set-password-link">
          {t('people.linkLabel')}
        </label>
        <input
          id="set-password-link"
          class="copy__field"
          readOnly
          value={setPasswordLink.url}
          ref={(element) => {
            field = element;
          }}
          onFocus={(event) => event.currentTarget.select()}
        />
        <button
          type="button"
          class="button button--primary"
          onClick={async () => setCopied(await copyText(setPasswordLink.url, field))}
        >
          {copied ? t('people.copied') : t('people.copy')}
        </button>
      </div>
      <p class="form__note">
        {t('people.linkExpires', { when: whenFull(setPasswordLink.expiresAt, me.value!.school.timeZone) })}
      </p>
      {reissued && <p class="form__note">{t('people.reissuedNote')}</p>}
      <div class="form__actions">
        <button type="button" class="button" onClick={onDone}>
          {doneLabel ?? (reissued ? t('common.done') : t('people.addAnother'))}
        </button>
      </div>
    </section>
  );
}
