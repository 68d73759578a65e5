import type { TRedeemInviteRequest } from '@parta/protocol';
import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { ApiError } from '../../api/http.js';
import {
  ErrorNote,
  Field,
  invalidFields,
  loginRules,
  passwordHint,
  passwordLength,
  passwordRefused,
} from '../../components/ui.js';
import { suggestLogin } from '../../format/names.js';
import { t } from '../../i18n/index.js';
import { navigate } from '../../router.js';
import { me, phase, rememberReturn, signOut } from '../../state/session.js';

export interface ChildOption {
  id: number;
  name: string;
}

/**
 * The one form of the join page and the school's page: the child (a parent
 * joining by a class invite picks them from the list), who you are (a newcomer registers; someone logged in keeps
 * their account), the school's rules and the consent, one button.
 */
export function JoinForm({
  role,
  personal = false,
  childOptions,
  reviewNote,
  returnPath,
  before,
  ready = true,
  send,
}: {
  /** the role joined as: staff need longer passwords */
  role: string;
  /** a personal invite: only a password */
  personal?: boolean;
  /** the children of the class to pick from (a class invite); null when no child is asked for */
  childOptions: readonly ChildOption[] | null;
  /** «Заявку рассмотрит классный руководитель 3А.» */
  reviewNote: string | null;
  /** where «Войти» brings the reader back to */
  returnPath: string;
  /** what comes first on the school's page: the role and the class */
  before?: ComponentChildren;
  /** the parts above are filled in */
  ready?: boolean;
  /** sends the request; a failure is shown with the server's words */
  send: (body: TRedeemInviteRequest) => Promise<void>;
}) {
  const person = phase.value === 'signed-in' ? me.value : null;
  const [childId, setChildId] = useState<number | null>(null);
  const [fullName, setFullName] = useState('');
  const [login, setLogin] = useState('');
  const [loginTouched, setLoginTouched] = useState(false);
  const [password, setPassword] = useState('');
  const [showPassword, setShowPassword] = useState(false);
  const [contact, setContact] = useState('');
  const [accepted, setAccepted] = useState(false);
  const [childMissing, setChildMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const childGroup = useRef<HTMLFieldSetElement>(null);

  const askChild = childOptions !== null;
  const childKnown = childId !== null && (childOptions ?? []).some((child) => child.id === childId);

  async function submit(event: Event) {
    event.preventDefault();
    if (askChild && !childKnown) {
      setChildMissing(true);
      childGroup.current?.scrollIntoView({ block: 'center' });
      childGroup.current?.querySelector('input')?.focus();
      return;
    }
    const body: TRedeemInviteRequest = { acceptRules: true };
    if (askChild) body.childId = childId!;
    // A personal invite's person exists already and only chooses a password.
    if (!person && personal) body.password = password;
    else if (!person)
      body.register = { fullName: fullName.trim(), login: login.trim(), password, ...contactOf(contact) };
    setBusy(true);
    setError(null);
    try {
      await send(body);
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  }

  function logIn() {
    rememberReturn(returnPath);
    navigate('/login');
  }

  const invalid = invalidFields(error);
  // Which of the login, phone or e-mail exists is not said (nor where): both fields are marked.
  const detailsTaken = error instanceof ApiError && error.code === 'auth.registration_refused';
  const weakPassword = passwordRefused(error);
  const childRequired = error instanceof ApiError && error.code === 'invites.child_required';
  const submitLabel = person ? t('join.joinAsMe') : personal ? t('join.submitPersonal') : t('join.submit');

  return (
    <form class="form join__form" onSubmit={submit}>
      {before}
      {askChild && (
        <fieldset
          class={`join__group${childMissing && !childKnown ? ' join__group--invalid' : ''}`}
          ref={childGroup}
          aria-describedby="child-hint"
        >
          <legend class="join__legend">{t('join.child')}</legend>
          {childOptions.length === 0 ? (
            <p class="notice notice--plain">{t('join.noChildren')}</p>
          ) : (
            <ul class="choices">
              {childOptions.map((child) => (
                <li key={child.id}>
                  <label class="choice">
                    <input
                      type="radio"
                      name="child"
                      checked={childId === child.id}
                      onChange={() => {
                        setChildId(child.id);
                        setChildMissing(false);
                      }}
                    />
                    <span>{child.name}</span>
                  </label>
                </li>
              ))}
            </ul>
          )}
          {(childMissing || childRequired) && !childKnown && (
            <p class="join__problem" role="alert">
              {t('join.childMissing')}
            </p>
          )}
          <p class="form__note" id="child-hint">
            {t('join.childHint')}
          </p>
        </fieldset>
      )}

      {person ? (
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
      ) : personal ? (
        <fieldset class="join__group">
          <legend class="join__legend">{t('join.newPassword')}</legend>
          <PasswordField
            label={t('join.password')}
            value={password}
            onValue={setPassword}
            shown={showPassword}
            onShown={setShowPassword}
            invalid={weakPassword || invalid.has('register.password') || invalid.has('password')}
            role={role}
          />
        </fieldset>
      ) : (
        <fieldset class="join__group">
          <legend class="join__legend">{t('join.about')}</legend>
          <p class="join__account">
            {t('join.haveAccount')}{' '}
            <a
              href="/login"
              onClick={(event) => {
                event.preventDefault();
                logIn();
              }}
            >
              {t('join.logIn')}
            </a>
          </p>
          <Field
            label={t('join.fullName')}
            hint={t('join.fullNameHint')}
            value={fullName}
            onValue={(value) => {
              setFullName(value);
              if (!loginTouched) setLogin(suggestLogin(value));
            }}
            name="name"
            autocomplete="name"
            autocapitalize="words"
            maxLength={200}
            invalid={invalid.has('register.fullName')}
            required
          />
          <Field
            label={t('join.login')}
            hint={t('join.loginHint')}
            value={login}
            onValue={(value) => {
              setLogin(value);
              setLoginTouched(true);
            }}
            name="username"
            autocomplete="username"
            {...loginRules}
            invalid={detailsTaken || invalid.has('register.login')}
            required
          />
          <PasswordField
            label={t('join.password')}
            value={password}
            onValue={setPassword}
            shown={showPassword}
            onShown={setShowPassword}
            invalid={weakPassword || invalid.has('register.password') || invalid.has('password')}
            role={role}
          />
          <Field
            label={t('join.contact')}
            hint={t('join.contactHint')}
            value={contact}
            onValue={setContact}
            name="contact"
            autocapitalize="none"
            spellcheck={false}
            maxLength={200}
            invalid={detailsTaken || invalid.has('register.phone') || invalid.has('register.email')}
          />
        </fieldset>
      )}

      <section class="rules" aria-labelledby="rules-title">
        <h2 class="rules__title" id="rules-title">
          {t('rules.title')}
        </h2>
        <ul class="rules__list">
          <li>{t('rules.topic')}</li>
          <li>{t('rules.hours')}</li>
          <li>{t('rules.respect')}</li>
          <li>{t('rules.privacy')}</li>
        </ul>
        <label class="consent">
          <input
            type="checkbox"
            checked={accepted}
            onChange={(event) => setAccepted(event.currentTarget.checked)}
            required
          />
          <span>{t('rules.accept')}</span>
        </label>
      </section>

      <ErrorNote error={error} />
      <button
        type="submit"
        class="button button--primary button--wide button--large"
        disabled={busy || !ready || (askChild && childOptions.length === 0)}
      >
        {busy ? t('join.submitting') : submitLabel}
      </button>
      {reviewNote && !personal && <p class="form__note join__review">{reviewNote}</p>}
    </form>
  );
}

/** «Телефон или e-mail»: one field, read by what was typed. */
function contactOf(value: string): { email?: string; phone?: string } {
  const trimmed = value.trim();
  if (!trimmed) return {};
  return trimmed.includes('@') ? { email: trimmed } : { phone: trimmed };
}

function PasswordField({
  label,
  value,
  onValue,
  shown,
  onShown,
  invalid,
  role,
}: {
  role: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  shown: boolean;
  onShown: (shown: boolean) => void;
  invalid: boolean;
}) {
  return (
    <div class="join__password">
      <Field
        label={label}
        hint={passwordHint([role])}
        type={shown ? 'text' : 'password'}
        value={value}
        onValue={onValue}
        name="new-password"
        autocomplete="new-password"
        autocapitalize="none"
        spellcheck={false}
        {...passwordLength([role])}
        invalid={invalid}
        required
      />
      <label class="check-inline">
        <input type="checkbox" checked={shown} onChange={(event) => onShown(event.currentTarget.checked)} />
        {t('join.showPassword')}
      </label>
    </div>
  );
}
