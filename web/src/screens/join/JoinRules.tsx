import { t } from '../../i18n/index.js';

/** The school's rules in plain words, and the consent the request needs. */
export function JoinRules({
  accepted,
  onAccepted,
}: {
  accepted: boolean;
  onAccepted: (accepted: boolean) => void;
}) {
  return (
    <section class="rules" aria-labelledby="rules-title">
      <h2 class="rules__title" id="rules-title">
        {t('rules.title')}
      </h2>
      <ul class="rules__list">
        <li>{t('rules.topic')}</li>
        <li>{t('rules.hours')}</li>
        <li>{t('rules.respect')}</li>
        <li>{t('rules.privacy')}</li>
      </ul>
      <label class="consent">
        <input
          type="checkbox"
          checked={accepted}
          onChange={(event) => onAccepted(event.currentTarget.checked)}
          required
        />
        <span>{t('rules.accept')}</span>
      </label>
    </section>
  );
}
