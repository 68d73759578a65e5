import { suggestLogin } from '../../format/names.js';
import { LoginField, NameField, PhoneField } from '../../forms/AccountFields.js';
import { t } from '../../i18n/index.js';

export interface NewPerson {
  fullName: string;
  login: string;
  /** the admin typed a login of their own: stop suggesting one */
  loginTouched: boolean;
  phone: string;
}

export const blankPerson: NewPerson = { fullName: '', login: '', loginTouched: false, phone: '' };

/** ФИО, a login offered from it, and a phone to log in with (optional). */
export function NewPersonFields({
  value,
  onChange,
  invalid,
}: {
  value: NewPerson;
  onChange: (next: NewPerson) => void;
  invalid: ReadonlySet<string>;
}) {
  return (
    <>
      <NameField
        label={t('people.fullName')}
        hint={t('people.fullNameHint')}
        value={value.fullName}
        onValue={(fullName) =>
          onChange({
            ...value,
            fullName,
            login: value.loginTouched ? value.login : suggestLogin(fullName),
          })
        }
        invalid={invalid.has('fullName')}
      />
      <div class="form__row">
        <LoginField
          label={t('people.login')}
          hint={t('chooser.loginHint')}
          value={value.login}
          onValue={(login) => onChange({ ...value, login, loginTouched: true })}
          invalid={invalid.has('login')}
        />
        <PhoneField
          label={t('people.phone')}
          value={value.phone}
          onValue={(phone) => onChange({ ...value, phone })}
          invalid={invalid.has('phone')}
        />
      </div>
    </>
  );
}
