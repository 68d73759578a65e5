import { newPasswordFor, type TChangePasswordRequest, ZChangePasswordRequest } from '@parta/protocol';
import { useState } from 'preact/hooks';
import { z } from 'zod/mini';
import { api } from '../api/endpoints.js';
import { CurrentPasswordField, NewPasswordField } from '../forms/AccountFields.js';
import { checkInput, passwordRefused } from '../forms/rules.js';
import { useSubmit } from '../forms/useSubmit.js';
import { t } from '../i18n/index.js';
import { me } from '../state/session.js';
import { ErrorNote, invalidFields } from './ui.js';

/** «Сменить пароль»: the current one, then the new one. */
export function PasswordForm() {
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [done, setDone] = useState(false);
  const { busy, error, onSubmit } = useSubmit();
  const roles = me.value?.roles ?? [];

  const submit = onSubmit(async () => {
    setDone(false);
    const body: TChangePasswordRequest = { currentPassword, newPassword };
    checkInput(z.extend(ZChangePasswordRequest, { newPassword: newPasswordFor(roles) }), body, {
      currentPassword: t('profile.currentPassword'),
      newPassword: t('profile.newPassword'),
    });
    await api.changePassword(body);
    setCurrent('');
    setNew('');
    setDone(true);
  });

  const invalid = invalidFields(error);
  return (
    <form class="card form" onSubmit={submit} aria-labelledby="password-title">
      <h2 class="card__title" id="password-title">
        {t('profile.password')}
      </h2>
      <CurrentPasswordField
        label={t('profile.currentPassword')}
        value={currentPassword}
        onValue={setCurrent}
        invalid={invalid.has('currentPassword')}
      />
      <NewPasswordField
        label={t('profile.newPassword')}
        roles={roles}
        value={newPassword}
        onValue={setNew}
        invalid={invalid.has('newPassword') || passwordRefused(error)}
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
