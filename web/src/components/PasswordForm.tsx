import { useState } from 'preact/hooks';
import { api } from '../api/endpoints.js';
import { t } from '../i18n/index.js';
import { me } from '../state/session.js';
import { ErrorNote, Field, invalidFields, passwordHint, passwordLength, passwordRefused } from './ui.js';

/** «Сменить пароль»: the current one, then the new one. */
export function PasswordForm() {
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      await api.changePassword({ currentPassword, newPassword });
      setCurrent('');
      setNew('');
      setDone(true);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  const invalid = invalidFields(error);
  const roles = me.value?.roles ?? [];
  return (
    <form class="card form" onSubmit={submit} aria-labelledby="password-title">
      <h2 class="card__title" id="password-title">
        {t('profile.password')}
      </h2>
      <Field
        label={t('profile.currentPassword')}
        type="password"
        value={currentPassword}
        onValue={setCurrent}
        autocomplete="current-password"
        invalid={invalid.has('currentPassword')}
        required
      />
      <Field
        label={t('profile.newPassword')}
        hint={passwordHint(roles)}
        type="password"
        value={newPassword}
        onValue={setNew}
        autocomplete="new-password"
        {...passwordLength(roles)}
        invalid={invalid.has('newPassword') || passwordRefused(error)}
        required
      />
      <ErrorNote error={error} />
      {done && (
        <p class="form__note form__note--ok" role="status">
          {t('profile.passwordChanged')}
        </p>
      )}
      <button type="submit" class="button" disabled={busy}>
        {busy ? t('common.saving') : t('profile.changePassword')}
      </button>
    </form>
  );
}
