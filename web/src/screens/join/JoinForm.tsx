import type { TRedeemInviteRequest } from '@parta/protocol';
import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { ApiError } from '../../api/http.js';
import { ErrorNote, invalidFields } from '../../components/ui.js';
import { checkInput, passwordRefused, redeemInviteFor } from '../../forms/rules.js';
import { useSubmit } from '../../forms/useSubmit.js';
import { t } from '../../i18n/index.js';
import { navigate } from '../../router.js';
import { me, phase, rememberReturn } from '../../state/session.js';
import { type ChildOption, ChildPicker } from './ChildPicker.js';
import { blankRegistration, contactOf, JoinAccount, type Registration } from './JoinAccount.js';
import { JoinRules } from './JoinRules.js';

export type { ChildOption } from './ChildPicker.js';

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
  const [account, setAccount] = useState<Registration>(blankRegistration);
  const [accepted, setAccepted] = useState(false);
  const [childMissing, setChildMissing] = useState(false);
  const { busy, error, run } = useSubmit({ leaves: true });
  const childGroup = useRef<HTMLFieldSetElement>(null);

  const askChild = childOptions !== null;
  const childKnown = childId !== null && (childOptions ?? []).some((child) => child.id === childId);

  function submit(event: Event) {
    event.preventDefault();
    if (askChild && !childKnown) {
      setChildMissing(true);
      childGroup.current?.scrollIntoView({ block: 'center' });
      childGroup.current?.querySelector('input')?.focus();
      return;
    }
    const body: TRedeemInviteRequest = { acceptRules: true };
    if (askChild) body.childId = childId!;
    const { fullName, login, password, contact } = account;
    // A personal invite's person exists already and only chooses a password.
    if (!person && personal) body.password = password;
    else if (!person)
      body.register = { fullName: fullName.trim(), login: login.trim(), password, ...contactOf(contact) };
    void run(async () => {
      checkInput(redeemInviteFor([role]), body, {
        'register.fullName': t('join.fullName'),
        'register.login': t('join.login'),
        'register.password': t('join.password'),
        'register.phone': t('join.contact'),
        'register.email': t('join.contact'),
        password: t('join.password'),
      });
      await send(body);
    });
  }

  function logIn() {
    rememberReturn(returnPath);
    navigate('/login');
  }

  const invalid = invalidFields(error);
  // Which of the login, phone or e-mail exists is not said (nor where): both fields are marked.
  const detailsTaken = error instanceof ApiError && error.code === 'auth.registration_refused';
  const childRequired = error instanceof ApiError && error.code === 'invites.child_required';
  const marked = new Set<string>();
  if (invalid.has('register.fullName')) marked.add('fullName');
  if (detailsTaken || invalid.has('register.login')) marked.add('login');
  if (passwordRefused(error) || invalid.has('register.password') || invalid.has('password'))
    marked.add('password');
  if (detailsTaken || invalid.has('register.phone') || invalid.has('register.email')) marked.add('contact');
  const submitLabel = person ? t('join.joinAsMe') : personal ? t('join.submitPersonal') : t('join.submit');

  return (
    <form class="form join__form" onSubmit={submit}>
      {before}
      {askChild && (
        <ChildPicker
          options={childOptions}
          childId={childId}
          onPick={(id) => {
            setChildId(id);
            setChildMissing(false);
          }}
          problem={(childMissing || childRequired) && !childKnown}
          groupRef={childGroup}
        />
      )}
      <JoinAccount
        person={person}
        personal={personal}
        role={role}
        value={account}
        onChange={setAccount}
        invalid={marked}
        onLogIn={logIn}
      />
      <JoinRules accepted={accepted} onAccepted={setAccepted} />
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
