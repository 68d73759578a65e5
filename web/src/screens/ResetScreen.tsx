import { useState } from 'preact/hooks';
import { api } from '../api/endpoints.js';
import { AuthPage } from '../components/AuthPage.js';
import { ErrorNote, Field, invalidFields, passwordLength, passwordRefused } from '../components/ui.js';
import { t } from '../i18n/index.js';
import { navigate } from '../router.js';
import { forgetDevice, me, signIn } from '../state/session.js';

/** `/reset/<token>`: the one-time link from the admin; the person sets a password and is logged in. */
export function ResetScreen({ token }: { token: string }) {
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [mismatch, setMismatch] = useState(false);
  const current = me.value;

  async function submit(event: Event) {
    event.preventDefault();
    if (password !== repeat) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    setBusy(true);
    setError(null);
    try {
      const next = await api.resetPassword({ token, newPassword: password });
      if (current) forgetDevice();
      signIn(next);
      navigate('/', { replace: true });
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  }

  const invalid = invalidFields(error);
  return (
    <AuthPage title={t('reset.title')} lead={t('reset.lead')}>
      {current && <p class="notice">{t('reset.signedInAs', { name: current.fullName })}</p>}
      <form class="form" onSubmit={submit}>
        <Field
          label={t('reset.password')}
          hint={t('common.passwordHintAnyRole')}
          type="password"
          value={password}
          onValue={setPassword}
          autocomplete="new-password"
          {...passwordLength([])}
          invalid={invalid.has('newPassword') || passwordRefused(error)}
          required
        />
        <Field
          label={t('reset.repeat')}
          hint={mismatch ? t('reset.mismatch') : undefined}
          type="password"
          value={repeat}
          onValue={setRepeat}
          autocomplete="new-password"
          invalid={mismatch}
          required
        />
        <ErrorNote error={error} />
        <button type="submit" class="button button--primary button--wide" disabled={busy}>
          {busy ? t('common.saving') : t('reset.submit')}
        </button>
      </form>
    </AuthPage>
  );
}
