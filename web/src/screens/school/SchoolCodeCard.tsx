import { useState } from 'preact/hooks';
import { copyText } from '../../components/LinkCard.js';
import { t } from '../../i18n/index.js';

/** «1234 5678»: read out at a meeting or over the phone without losing a digit. */
export function spacedCode(code: string): string {
  return code.length === 8 ? `${code.slice(0, 4)} ${code.slice(4)}` : code;
}

/** The school's code for families without a slip: where they type it, and what happens then. */
export function SchoolCodeCard({ code }: { code: string }) {
  const [copied, setCopied] = useState(false);
  const page = `${location.host}/school`;
  return (
    <section class="card school-code" aria-labelledby="school-code-title">
      <div class="school-code__head">
        <h2 class="card__title" id="school-code-title">
          {t('invites.code.title')}
        </h2>
        <p class="school-code__value" data-testid="school-code">
          {spacedCode(code)}
        </p>
        <button
          type="button"
          class="button button--small"
          onClick={async () => setCopied(await copyText(code, null))}
        >
          {copied ? t('invites.code.copied') : t('invites.code.copy')}
        </button>
      </div>
      <p class="form__note">{t('invites.code.text', { url: page })}</p>
    </section>
  );
}
