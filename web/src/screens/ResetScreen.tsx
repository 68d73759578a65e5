import { type TResetLinkPreview, ZResetPasswordRequest } from '@parta/protocol';
import { useEffect, useState } from 'preact/hooks';
import { z } from 'zod/mini';
import { api } from '../api/endpoints.js';
import { AuthPage } from '../components/AuthPage.js';
import { ErrorNote, Field, invalidFields, SkeletonList } from '../components/ui.js';
import { NewPasswordField } from '../forms/AccountFields.js';
import { checkInput, passwordRefused } from '../forms/rules.js';
import { useSubmit } from '../forms/useSubmit.js';
import { t } from '../i18n/index.js';
import { navigate } from '../router.js';
import { forgetDevice, me, signIn } from '../state/session.js';

/**
 * `/reset/<token>`: the one-time link from the admin; the page names the
 * school and the account it sets the password of (with that account's
 * password rule), the person sets a password and is logged in.
 */
export function ResetScreen({ token }: { token: string }) {
  const [preview, setPreview] = useState<TResetLinkPreview | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const { busy, error, run } = useSubmit({ leaves: true });
  const [mismatch, setMismatch] = useState(false);
  const current = me.value;

  useEffect(() => {
    let alive = true;
    api.resetPreview(token).then(
      (value) => alive && setPreview(value),
      (failure: unknown) => alive && setProblem(failure),
    );
    return () => {
      alive = false;
    };
  }, [token]);

  async function submit(event: Event) {
    event.preventDefault();
    if (password !== repeat) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    await run(async () => {
      // The link is checked by the server; the password here, with the rule for anyone.
      checkInput(
        z.pick(ZResetPasswordRequest, { newPassword: true }),
        { newPassword: password },
        {
          newPassword: t('reset.password'),
        },
      );
      const next = await api.resetPassword({ token, newPassword: password });
      if (current) forgetDevice();
      signIn(next);
      navigate('/', { replace: true });
    });
  }

  const invalid = invalidFields(error);
  if (!preview && !problem) {
    return (
      <AuthPage title={t('reset.title')}>
        <SkeletonList rows={2} label={t('reset.loading')} />
      </AuthPage>
    );
  }
  return (
    <AuthPage school={preview?.school} title={t('reset.title')} lead={t('reset.lead')}>
      {preview && (
        <p class="notice notice--plain" data-testid="reset-account">
          {t('reset.account', { name: preview.fullName, login: preview.login })}
        </p>
      )}
      <ErrorNote error={problem} />
      {current && <p class="notice">{t('reset.signedInAs', { name: current.fullName })}</p>}
      {preview && (
        <form class="form" onSubmit={submit}>
          <NewPasswordField
            label={t('reset.password')}
            roles={preview.roles}
            value={password}
            onValue={setPassword}
            invalid={invalid.has('newPassword') || passwordRefused(error)}
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
      )}
    </AuthPage>
  );
}
