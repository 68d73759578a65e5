import { handGivenRoles, type Role, type TCreatedPerson, type TCreatePersonRequest } from '@parta/protocol';
import { useId, useState } from 'preact/hooks';
import { api } from '../api/endpoints.js';
import { t } from '../i18n/index.js';
import { ErrorNote, Field, invalidFields, loginRules } from './ui.js';

/** Roles an admin gives by hand here; parents and students will come with invitations. */
const offered = handGivenRoles;

/** «Добавить человека»: ФИО, логин, роль, optional phone and e-mail → a one-time link. */
export function AddPersonForm({
  onCreated,
  onCancel,
}: {
  onCreated: (created: TCreatedPerson) => void;
  onCancel: () => void;
}) {
  const [fullName, setFullName] = useState('');
  const [login, setLogin] = useState('');
  const [role, setRole] = useState<Role>(offered[0]!);
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const roleId = useId();

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const body: TCreatePersonRequest = { fullName: fullName.trim(), login: login.trim(), roles: [role] };
    if (phone.trim()) body.phone = phone.trim();
    if (email.trim()) body.email = email.trim();
    try {
      onCreated(await api.createPerson(body));
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  }

  const invalid = invalidFields(error);
  return (
    <form class="form card" onSubmit={submit} aria-labelledby="add-person-title">
      <h2 class="card__title" id="add-person-title">
        {t('people.addTitle')}
      </h2>
      <Field
        label={t('people.fullName')}
        hint={t('people.fullNameHint')}
        value={fullName}
        onValue={setFullName}
        maxLength={200}
        invalid={invalid.has('fullName')}
        required
      />
      <Field
        label={t('people.login')}
        hint={t('common.loginHint')}
        value={login}
        onValue={setLogin}
        {...loginRules}
        invalid={invalid.has('login')}
        required
      />
      <div class="field">
        <label for={roleId}>{t('people.role')}</label>
        <select id={roleId} value={role} onChange={(event) => setRole(event.currentTarget.value as Role)}>
          {offered.map((option) => (
            <option key={option} value={option}>
              {t(`roles.${option}`)}
            </option>
          ))}
        </select>
      </div>
      <div class="form__row">
        <Field
          label={t('people.phone')}
          hint={t('people.optional')}
          type="tel"
          value={phone}
          onValue={setPhone}
          autocomplete="off"
          invalid={invalid.has('phone')}
        />
        <Field
          label={t('people.email')}
          hint={t('people.optional')}
          type="email"
          value={email}
          onValue={setEmail}
          autocomplete="off"
          invalid={invalid.has('email')}
        />
      </div>
      <ErrorNote error={error} />
      <div class="form__actions">
        <button type="button" class="button button--quiet" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="submit" class="button button--primary" disabled={busy}>
          {busy ? t('people.adding') : t('people.add')}
        </button>
      </div>
    </form>
  );
}
