import type { JSX } from 'preact';
import { Field } from '../components/ui.js';
import { t } from '../i18n/index.js';
import { loginRules, nameRules, passwordHint, passwordRules } from './rules.js';

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
