import {
  handGivenRoles,
  type Role,
  type TCreatedPerson,
  type TCreatePersonRequest,
  ZCreatePersonRequest,
} from '@parta/protocol';
import { useId, useState } from 'preact/hooks';
import { api } from '../api/endpoints.js';
import { EmailField, LoginField, NameField, PhoneField } from '../forms/AccountFields.js';
import { FormActions } from '../forms/FormActions.js';
import { checkInput } from '../forms/rules.js';
import { useSubmit } from '../forms/useSubmit.js';
import { t } from '../i18n/index.js';
import { invalidFields } from './ui.js';

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
  const { busy, error, onSubmit } = useSubmit({ leaves: true });
  const roleId = useId();

  const submit = onSubmit(async () => {
    const body: TCreatePersonRequest = { fullName: fullName.trim(), login: login.trim(), roles: [role] };
    if (phone.trim()) body.phone = phone.trim();
    if (email.trim()) body.email = email.trim();
    checkInput(ZCreatePersonRequest, body, {
      fullName: t('people.fullName'),
      login: t('people.login'),
      phone: t('people.phone'),
      email: t('people.email'),
    });
    onCreated(await api.createPerson(body));
  });

  const invalid = invalidFields(error);
  return (
    <form class="form card" onSubmit={submit} aria-labelledby="add-person-title">
      <h2 class="card__title" id="add-person-title">
        {t('people.addTitle')}
      </h2>
      <NameField
        label={t('people.fullName')}
        hint={t('people.fullNameHint')}
        value={fullName}
        onValue={setFullName}
        invalid={invalid.has('fullName')}
      />
      <LoginField label={t('people.login')} value={login} onValue={setLogin} invalid={invalid.has('login')} />
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
        <PhoneField
          label={t('people.phone')}
          value={phone}
          onValue={setPhone}
          invalid={invalid.has('phone')}
        />
        <EmailField
          label={t('people.email')}
          value={email}
          onValue={setEmail}
          invalid={invalid.has('email')}
        />
      </div>
      <FormActions
        error={error}
        busy={busy}
        label={t('people.add')}
        busyLabel={t('people.adding')}
        onCancel={onCancel}
        place="form"
      />
    </form>
  );
}
