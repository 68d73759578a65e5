import { staffRoles } from '@parta/protocol';
import { useId, useState } from 'preact/hooks';
import { api } from '../api/endpoints.js';
import { ApiError } from '../api/http.js';
import { AuthPage } from '../components/AuthPage.js';
import {
  ErrorNote,
  Field,
  invalidFields,
  loginRules,
  passwordHint,
  passwordLength,
  passwordRefused,
} from '../components/ui.js';
import { t } from '../i18n/index.js';
import { signIn, start } from '../state/session.js';

/** Russia's zones west to east, and UTC. */
export const timeZones = [
  'Europe/Kaliningrad',
  'Europe/Moscow',
  'Europe/Samara',
  'Asia/Yekaterinburg',
  'Asia/Omsk',
  'Asia/Krasnoyarsk',
  'Asia/Irkutsk',
  'Asia/Yakutsk',
  'Asia/Vladivostok',
  'Asia/Magadan',
  'Asia/Kamchatka',
  'UTC',
] as const;

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
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const zoneId = useId();

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      signIn(
        await api.setup({
          schoolName: schoolName.trim(),
          timeZone,
          adminName: adminName.trim(),
          login: login.trim(),
          password,
          setupToken: setupToken.trim(),
        }),
      );
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  }

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
            maxLength={200}
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
            minLength={2}
            maxLength={200}
            invalid={invalid.has('schoolName')}
            required
          />
          <div class="field">
            <label for={zoneId}>{t('setup.timeZone')}</label>
            <select id={zoneId} value={timeZone} onChange={(event) => setTimeZone(event.currentTarget.value)}>
              {timeZones.map((zone) => (
                <option key={zone} value={zone}>
                  {t(`timeZones.${zone.replace('/', '_')}`)}
                </option>
              ))}
            </select>
            <p class="field__hint">{t('setup.timeZoneHint')}</p>
          </div>
        </fieldset>
        <fieldset class="form__group">
          <legend>{t('setup.admin')}</legend>
          <Field
            label={t('setup.adminName')}
            hint={t('setup.adminNameHint')}
            value={adminName}
            onValue={setAdminName}
            autocomplete="name"
            maxLength={200}
            invalid={invalid.has('adminName')}
            required
          />
          <Field
            label={t('setup.login')}
            hint={t('common.loginHint')}
            value={login}
            onValue={setLogin}
            autocomplete="username"
            {...loginRules}
            invalid={invalid.has('login')}
            required
          />
          <Field
            label={t('setup.password')}
            hint={passwordHint(staffRoles)}
            type="password"
            value={password}
            onValue={setPassword}
            autocomplete="new-password"
            {...passwordLength(staffRoles)}
            invalid={invalid.has('password') || passwordRefused(error)}
            required
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
