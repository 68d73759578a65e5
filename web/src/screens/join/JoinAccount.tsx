import { type TMe, ZEmail } from '@parta/protocol';
import { useState } from 'preact/hooks';
import { Field } from '../../components/ui.js';
import { suggestLogin } from '../../format/names.js';
import { LoginField, NameField, NewPasswordField } from '../../forms/AccountFields.js';
import { lengthsOf } from '../../forms/rules.js';
import { t } from '../../i18n/index.js';
import { signOut } from '../../state/session.js';

/** What a newcomer types about themselves; a personal invite's person only a password. */
export interface Registration {
  fullName: string;
  login: string;
  /** typed a login of their own: stop suggesting one from the name */
  loginTouched: boolean;
  password: string;
  /** «Телефон или e-mail» */
  contact: string;
}

export const blankRegistration: Registration = {
  fullName: '',
  login: '',
  loginTouched: false,
  password: '',
  contact: '',
};

/** «Телефон или e-mail»: one field, read by what was typed. */
export function contactOf(value: string): { email?: string; phone?: string } {
  const trimmed = value.trim();
  if (!trimmed) return {};
  return trimmed.includes('@') ? { email: trimmed } : { phone: trimmed };
}

/**
 * «Кто вы»: someone logged in keeps their account (or leaves it), a personal
 * invite asks for a password, a newcomer registers.
 */
export function JoinAccount({
  person,
  personal,
  role,
  value,
  onChange,
  invalid,
  onLogIn,
}: {
  person: TMe | null;
  personal: boolean;
  /** the role joined as: staff need longer passwords */
  role: string;
  value: Registration;
  onChange: (next: Registration) => void;
  /** the fields to mark: `fullName`, `login`, `password`, `contact` */
  invalid: ReadonlySet<string>;
  onLogIn: () => void;
}) {
  const [shown, setShown] = useState(false);
  if (person) {
    return (
      <div class="join__me">
        <p>{t('join.signedInAs', { name: person.fullName })}</p>
        <button
          type="button"
          class="button button--quiet button--inline"
          onClick={() => void signOut({ stay: true })}
        >
          {t('join.notYou')}
        </button>
      </div>
    );
  }
  const password = (
    <NewPasswordField
      label={t('join.password')}
      roles={[role]}
      value={value.password}
      onValue={(next) => onChange({ ...value, password: next })}
      reveal={{ shown, onShown: setShown, label: t('join.showPassword') }}
      name="new-password"
      autocapitalize="none"
      spellcheck={false}
      invalid={invalid.has('password')}
    />
  );
  if (personal) {
    return (
      <fieldset class="join__group">
        <legend class="join__legend">{t('join.newPassword')}</legend>
        {password}
      </fieldset>
    );
  }
  return (
    <fieldset class="join__group">
      <legend class="join__legend">{t('join.about')}</legend>
      <p class="join__account">
        {t('join.haveAccount')}{' '}
        <a
          href="/login"
          onClick={(event) => {
            event.preventDefault();
            onLogIn();
          }}
        >
          {t('join.logIn')}
        </a>
      </p>
      <NameField
        label={t('join.fullName')}
        hint={t('join.fullNameHint')}
        value={value.fullName}
        onValue={(fullName) =>
          onChange({ ...value, fullName, login: value.loginTouched ? value.login : suggestLogin(fullName) })
        }
        name="name"
        autocomplete="name"
        autocapitalize="words"
        invalid={invalid.has('fullName')}
      />
      <LoginField
        label={t('join.login')}
        hint={t('join.loginHint')}
        value={value.login}
        onValue={(login) => onChange({ ...value, login, loginTouched: true })}
        name="username"
        autocomplete="username"
        invalid={invalid.has('login')}
      />
      {password}
      <Field
        label={t('join.contact')}
        hint={t('join.contactHint')}
        value={value.contact}
        onValue={(contact) => onChange({ ...value, contact })}
        name="contact"
        autocapitalize="none"
        spellcheck={false}
        {...lengthsOf(ZEmail)}
        invalid={invalid.has('contact')}
      />
    </fieldset>
  );
}
