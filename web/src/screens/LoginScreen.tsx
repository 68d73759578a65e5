import { type TLoginRequest, ZLoginRequest } from '@parta/protocol';
import { useState } from 'preact/hooks';
import { api } from '../api/endpoints.js';
import { AuthPage } from '../components/AuthPage.js';
import { ErrorNote, Field } from '../components/ui.js';
import { CurrentPasswordField } from '../forms/AccountFields.js';
import { checkInput, lengthsOf } from '../forms/rules.js';
import { useSubmit } from '../forms/useSubmit.js';
import { t } from '../i18n/index.js';
import { followLink } from '../router.js';
import { peekReturn, signIn, soleSchool } from '../state/session.js';

export function LoginScreen() {
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, onSubmit } = useSubmit({ leaves: true });
  // Came from an invite («Уже есть учётная запись? Войти»): back there after logging in.
  const invite = peekReturn().startsWith('/join/') ? peekReturn() : null;

  const submit = onSubmit(async () => {
    const body: TLoginRequest = { login: login.trim(), password };
    checkInput(ZLoginRequest, body, { login: t('login.login'), password: t('login.password') });
    signIn(await api.login(body));
  });

  return (
    <AuthPage school={soleSchool.value} title={t('login.title')}>
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
          {...lengthsOf(ZLoginRequest.shape.login)}
          required
        />
        <CurrentPasswordField
          label={t('login.password')}
          value={password}
          onValue={setPassword}
          name="password"
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
