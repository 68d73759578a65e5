import { useState } from 'preact/hooks';
import { api } from '../api/endpoints.js';
import { AuthPage } from '../components/AuthPage.js';
import { ErrorNote, Field } from '../components/ui.js';
import { t } from '../i18n/index.js';
import { followLink } from '../router.js';
import { peekReturn, signIn } from '../state/session.js';

export function LoginScreen() {
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // Came from an invite («Уже есть учётная запись? Войти»): back there after logging in.
  const invite = peekReturn().startsWith('/join/') ? peekReturn() : null;

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      signIn(await api.login({ login: login.trim(), password }));
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  }

  return (
    <AuthPage title={t('login.title')}>
      {invite && (
        <p class="notice">
          {t('login.toInvite')}{' '}
          <a href={invite} onClick={(event) => followLink(event, invite)}>
            {t('login.backToInvite')}
          </a>
        </p>
      )}
      <form class="form" onSubmit={submit} noValidate={false}>
        <Field
          label={t('login.login')}
          value={login}
          onValue={setLogin}
          name="username"
          autocomplete="username"
          autocapitalize="none"
          spellcheck={false}
          required
        />
        <Field
          label={t('login.password')}
          type="password"
          value={password}
          onValue={setPassword}
          name="password"
          autocomplete="current-password"
          required
        />
        <ErrorNote error={error} />
        <button type="submit" class="button button--primary button--wide" disabled={busy}>
          {busy ? t('login.submitting') : t('login.submit')}
        </button>
        <p class="form__note">{t('login.forgot')}</p>
      </form>
    </AuthPage>
  );
}
