import { newPasswordFor, setupRoles, type TSetupRequest, ZSetupRequest } from '@parta/protocol';
import { useId, useState } from 'preact/hooks';
import { z } from 'zod/mini';
import { api } from '../api/endpoints.js';
import { ApiError } from '../api/http.js';
import { AuthPage } from '../components/AuthPage.js';
import { ErrorNote, Field, invalidFields } from '../components/ui.js';
import { LoginField, NameField, NewPasswordField } from '../forms/AccountFields.js';
import { checkInput, lengthsOf, passwordRefused } from '../forms/rules.js';
import { useSubmit } from '../forms/useSubmit.js';
import { ZoneOptions } from '../forms/ZoneOptions.js';
import { t } from '../i18n/index.js';
import { signIn, start } from '../state/session.js';

/** The first run: the school and its first admin; afterwards the admin is logged in. */
export function SetupScreen() {
  const [schoolName, setSchoolName] = useState('');
  const [timeZone, setTimeZone] = useState('Europe/Moscow');
  const [adminName, setAdminName] = useState('');
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  // The address the server printed at start carries the first-run code; typed by hand otherwise.
  const [linked] = useState(() => new URLSearchParams(location.search).get('code') ?? '');
  const [setupToken, setSetupToken] = useState(linked);
  const { busy, error, onSubmit } = useSubmit({ leaves: true });
  const zoneId = useId();

  const submit = onSubmit(async () => {
    const body: TSetupRequest = {
      schoolName: schoolName.trim(),
      timeZone,
      adminName: adminName.trim(),
      login: login.trim(),
      password,
      setupToken: setupToken.trim(),
    };
    checkInput(z.extend(ZSetupRequest, { password: newPasswordFor(setupRoles) }), body, {
      schoolName: t('setup.schoolName'),
      adminName: t('setup.adminName'),
      login: t('setup.login'),
      password: t('setup.password'),
      setupToken: t('setup.code'),
    });
    signIn(await api.setup(body));
  });

  const invalid = invalidFields(error);
  return (
    <AuthPage title={t('setup.title')} lead={t('setup.lead')} wide>
      <form class="form" onSubmit={submit}>
        {!linked && (
          <Field
            label={t('setup.code')}
            hint={t('setup.codeHint')}
            value={setupToken}
            onValue={setSetupToken}
            autocomplete="off"
            {...lengthsOf(ZSetupRequest.shape.setupToken)}
            invalid={error instanceof ApiError && error.code === 'setup.token_invalid'}
            required
          />
        )}
        <fieldset class="form__group">
          <legend>{t('setup.school')}</legend>
          <Field
            label={t('setup.schoolName')}
            hint={t('setup.schoolNameHint')}
            value={schoolName}
            onValue={setSchoolName}
            {...lengthsOf(ZSetupRequest.shape.schoolName)}
            invalid={invalid.has('schoolName')}
            required
          />
          <div class="field">
            <label for={zoneId}>{t('setup.timeZone')}</label>
            <select id={zoneId} value={timeZone} onChange={(event) => setTimeZone(event.currentTarget.value)}>
              <ZoneOptions />
            </select>
            <p class="field__hint">{t('setup.timeZoneHint')}</p>
          </div>
        </fieldset>
        <fieldset class="form__group">
          <legend>{t('setup.admin')}</legend>
          <NameField
            label={t('setup.adminName')}
            hint={t('setup.adminNameHint')}
            value={adminName}
            onValue={setAdminName}
            autocomplete="name"
            invalid={invalid.has('adminName')}
          />
          <LoginField
            label={t('setup.login')}
            value={login}
            onValue={setLogin}
            autocomplete="username"
            invalid={invalid.has('login')}
          />
          <NewPasswordField
            label={t('setup.password')}
            roles={setupRoles}
            value={password}
            onValue={setPassword}
            invalid={invalid.has('password') || passwordRefused(error)}
          />
        </fieldset>
        <ErrorNote error={error}>
          {error instanceof ApiError && error.code === 'setup.already_done' && (
            <button type="button" class="button" onClick={() => void start()}>
              {t('setup.toLogin')}
            </button>
          )}
        </ErrorNote>
        <button type="submit" class="button button--primary button--wide" disabled={busy}>
          {busy ? t('setup.submitting') : t('setup.submit')}
        </button>
      </form>
    </AuthPage>
  );
}
