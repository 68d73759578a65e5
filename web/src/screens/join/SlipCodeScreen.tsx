import { groupSlipCode, slipCode } from '@parta/protocol';
import { useState } from 'preact/hooks';
import { ApiError } from '../../api/http.js';
import { joinApi } from '../../api/join.js';
import { ErrorNote, Field } from '../../components/ui.js';
import { useSubmit } from '../../forms/useSubmit.js';
import { t } from '../../i18n/index.js';
import { followLink, navigate } from '../../router.js';
import { JoinPage } from './JoinPage.js';
import { handOverPreview } from './JoinScreen.js';

/**
 * `/join`: the address printed on a slip, for whoever cannot scan its QR
 * code. The code is typed as it is read — small letters, spaces, Russian
 * letters that look the same (protocol/slip-code.ts) — and opens the same
 * page as the link.
 */
export function SlipCodeScreen() {
  const [code, setCode] = useState('');
  const { busy, error, onSubmit, setError } = useSubmit({ leaves: true });

  const open = onSubmit(async () => {
    const typed = slipCode(code);
    // The school's eight digits, printed under the slip's code: that is the school's page.
    const schoolCode = code.replace(/[\s-]/g, '');
    if (!typed && /^\d{8}$/.test(schoolCode)) {
      navigate(`/school?code=${schoolCode}`);
      return;
    }
    if (!typed) {
      throw new ApiError(400, 'validation.failed', t('slipCode.malformed'), [{ path: 'code', message: '' }]);
    }
    const preview = await joinApi.preview(typed);
    handOverPreview(typed, preview);
    navigate(`/join/${typed}`);
  });

  const wrong =
    error instanceof ApiError &&
    (error.code === 'validation.failed' || error.code === 'invites.code_invalid');
  return (
    <JoinPage title={t('slipCode.title')} lead={t('slipCode.lead')}>
      <form class="form join__form" onSubmit={open} noValidate>
        <Field
          label={t('slipCode.code')}
          hint={t('slipCode.hint', { example: groupSlipCode('K7MA4PXT9') })}
          value={code}
          onValue={(value) => {
            setCode(value);
            if (error) setError(null);
          }}
          name="slip-code"
          autocomplete="off"
          autocapitalize="characters"
          spellcheck={false}
          maxLength={40}
          class="join__code"
          invalid={wrong}
          required
        />
        <ErrorNote error={error} />
        <button type="submit" class="button button--primary button--wide button--large" disabled={busy}>
          {busy ? t('slipCode.opening') : t('slipCode.open')}
        </button>
      </form>
      <section class="join__next" aria-labelledby="no-slip-title">
        <h2 class="join__legend" id="no-slip-title">
          {t('slipCode.noSlip')}
        </h2>
        <p>{t('slipCode.noSlipText')}</p>
        <a class="button button--wide" href="/school" onClick={(event) => followLink(event, '/school')}>
          {t('join.toCode')}
        </a>
      </section>
    </JoinPage>
  );
}
