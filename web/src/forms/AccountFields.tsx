import { ZEmail, ZLoginRequest } from '@parta/protocol';
import type { JSX } from 'preact';
import { Field } from '../components/ui.js';
import { t } from '../i18n/index.js';
import { lengthsOf, loginRules, nameRules, passwordHint, passwordRules } from './rules.js';

type FieldProps = Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'value' | 'onInput'> & {
  label: string;
  hint?: string;
  invalid?: boolean;
  value: string;
  onValue: (value: string) => void;
};

/** ФИО as the server takes it (protocol `ZPersonName`). */
export function NameField(props: FieldProps) {
  return <Field {...nameRules} {...props} required />;
}

/** A login as the server takes it (protocol `ZLogin`), with the rule under it. */
export function LoginField({ hint = t('common.loginHint'), ...props }: FieldProps) {
  return <Field {...loginRules} hint={hint} {...props} required />;
}

/**
 * A new password for someone with these roles (null: not known yet, both
 * rules are said), the rule under it; `reveal` adds «Показать пароль».
 */
export function NewPasswordField({
  roles,
  reveal,
  ...props
}: Omit<FieldProps, 'hint'> & {
  roles: readonly string[] | null;
  reveal?: { shown: boolean; onShown: (shown: boolean) => void; label: string };
}) {
  const field = (
    <Field
      hint={passwordHint(roles)}
      type={reveal?.shown ? 'text' : 'password'}
      autocomplete="new-password"
      {...passwordRules(roles)}
      {...props}
      required
    />
  );
  if (!reveal) return field;
  return (
    <div class="join__password">
      {field}
      <label class="check-inline">
        <input
          type="checkbox"
          checked={reveal.shown}
          onChange={(event) => reveal.onShown(event.currentTarget.checked)}
        />
        {reveal.label}
      </label>
    </div>
  );
}

/** The password one has: to log in, or to prove it before choosing another. */
export function CurrentPasswordField(props: FieldProps) {
  return (
    <Field
      type="password"
      autocomplete="current-password"
      {...lengthsOf(ZLoginRequest.shape.password)}
      {...props}
      required
    />
  );
}

/** A phone to log in with (protocol `ZPhone`); nobody has to give one. */
export function PhoneField({ hint = t('people.optional'), ...props }: FieldProps) {
  return <Field type="tel" autocomplete="off" hint={hint} {...props} />;
}

/** An e-mail to log in with (protocol `ZEmail`); nobody has to give one. */
export function EmailField({ hint = t('people.optional'), ...props }: FieldProps) {
  return <Field type="email" autocomplete="off" {...lengthsOf(ZEmail)} hint={hint} {...props} />;
}
