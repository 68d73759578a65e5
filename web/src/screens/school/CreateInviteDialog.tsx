import {
  belongsToClass,
  type InviteRole,
  type TCreateInviteRequest,
  type TInviteCandidates,
} from '@parta/protocol';
import { useEffect, useId, useState } from 'preact/hooks';
import { invitesApi } from '../../api/invites.js';
import { Dialog } from '../../components/Dialog.js';
import { Field, invalidFields } from '../../components/ui.js';
import { calendarDate } from '../../format/time.js';
import { FormActions } from '../../forms/FormActions.js';
import { useSubmit } from '../../forms/useSubmit.js';
import { t } from '../../i18n/index.js';
import { chatList } from '../../state/chats.js';
import { me } from '../../state/session.js';
import type { InviteScope } from './InviteScope.js';
import { justCreated } from './invite-state.js';

const DAY_MS = 24 * 3600 * 1000;

/**
 * «Новое приглашение» / «Пригласить родителей 3А»: for whom (a role, a class,
 * for the admin also a chat), for one person or for everyone with the link,
 * for how long and how many times. The link appears once, on the page behind.
 */
export function CreateInviteDialog({
  scope,
  classId: presetClass,
  onCreated,
  onClose,
}: {
  scope: InviteScope;
  /** the class card's «Пригласить родителей 3А» */
  classId?: number;
  onCreated: () => void;
  onClose: () => void;
}) {
  const roles = scope.roles;
  const onlyClass = scope.classes.length === 1 ? scope.classes[0]!.id : null;
  const [role, setRole] = useState<InviteRole>(roles.find(belongsToClass) ?? roles[0]!);
  const [classId, setClassId] = useState<number | null>(presetClass ?? onlyClass);
  const [chatId, setChatId] = useState<number | null>(null);
  const [personal, setPersonal] = useState(false);
  const [personId, setPersonId] = useState<number | null>(null);
  const [people, setPeople] = useState<TInviteCandidates['people'] | null>(null);
  const [days, setDays] = useState('14');
  const [limit, setLimit] = useState('');
  const { busy, error, run, setError } = useSubmit({ leaves: true });
  const ids = { class: useId(), chat: useId(), person: useId() };

  const forClass = belongsToClass(role);
  const schoolClass = scope.classes.find((item) => item.id === classId) ?? null;
  const chats = chatList.value.filter(
    (chat) => chat.kind === 'group' && !chat.archived && chat.policies.addMembers,
  );

  // A personal invite is for whom the server would accept: of this role, in this class, no password yet.
  useEffect(() => {
    if (!personal) return;
    let alive = true;
    setPeople(null);
    invitesApi.candidates(role, forClass ? classId : null).then(
      (list) => alive && setPeople(list.people),
      (failure: unknown) => alive && setError(failure),
    );
    return () => {
      alive = false;
    };
  }, [personal, role, classId]);
  const candidates = people ?? [];
  const daysNumber = Number(days);
  const daysValid = Number.isInteger(daysNumber) && daysNumber >= 1 && daysNumber <= 90;
  const until = daysValid
    ? calendarDate(new Date(Date.now() + daysNumber * DAY_MS), me.value!.school.timeZone)
    : null;
  const ready =
    daysValid &&
    (!forClass || classId !== null) &&
    (!personal || candidates.some((person) => person.id === personId)) &&
    !busy;

  async function submit(event: Event) {
    event.preventDefault();
    if (!ready) return;
    const body: TCreateInviteRequest = { role, expiresInDays: daysNumber };
    if (forClass && classId !== null) body.classId = classId;
    if (chatId !== null) body.chatId = chatId;
    if (personal && personId !== null) body.personId = personId;
    if (!personal && limit.trim()) body.maxUses = Number(limit);
    await run(async () => {
      justCreated.value = await invitesApi.create(body);
      onCreated();
      onClose();
    });
  }

  const invalid = invalidFields(error);
  const title =
    presetClass !== undefined && schoolClass
      ? t('invites.inviteParents', { name: schoolClass.name })
      : t('invites.create');
  return (
    <Dialog title={title} onClose={onClose}>
      <form class="form dialog__body invite-form" onSubmit={submit}>
        <fieldset class="form__group">
          <legend>{t('invites.form.role')}</legend>
          <div
            class={`segmented segmented--full${roles.length > 2 ? ' segmented--grid' : ''}`}
            role="radiogroup"
          >
            {roles.map((option) => (
              <label key={option} class="segmented__option">
                <input
                  type="radio"
                  name="invite-role"
                  checked={role === option}
                  onChange={() => {
                    setRole(option);
                    setPersonId(null);
                  }}
                />
                <span>{t(`invites.form.roles.${option}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>
        {forClass && (
          <div class={`field${invalid.has('classId') ? ' field--invalid' : ''}`}>
            <label for={ids.class}>{t('invites.form.class')}</label>
            <select
              id={ids.class}
              value={classId ?? ''}
              onChange={(event) => {
                setClassId(event.currentTarget.value ? Number(event.currentTarget.value) : null);
                setPersonId(null);
              }}
              required
            >
              <option value="">{t('invites.form.classPick')}</option>
              {scope.classes.map((item) => (
                <option key={item.id} value={item.id}>
                  {item.name}
                </option>
              ))}
            </select>
          </div>
        )}
        {chats.length > 0 && (
          <div class="field">
            <label for={ids.chat}>{t('invites.form.chat')}</label>
            <select
              id={ids.chat}
              value={chatId ?? ''}
              onChange={(event) =>
                setChatId(event.currentTarget.value ? Number(event.currentTarget.value) : null)
              }
              aria-describedby={`${ids.chat}-hint`}
            >
              <option value="">{t('invites.form.chatNone')}</option>
              {chats.map((chat) => (
                <option key={chat.id} value={chat.id}>
                  {chat.title}
                </option>
              ))}
            </select>
            <p class="field__hint" id={`${ids.chat}-hint`}>
              {t('invites.form.chatHint')}
            </p>
          </div>
        )}
        <label class="check">
          <input
            type="checkbox"
            checked={personal}
            onChange={(event) => {
              setPersonal(event.currentTarget.checked);
              setPersonId(null);
            }}
          />
          <span>
            <span class="check__label">{t('invites.form.personal')}</span>
            <span class="check__hint">{t('invites.form.personalHint')}</span>
          </span>
        </label>
        {personal && (
          <div class="field">
            <label for={ids.person}>{t('invites.form.person')}</label>
            <select
              id={ids.person}
              value={personId ?? ''}
              onChange={(event) =>
                setPersonId(event.currentTarget.value ? Number(event.currentTarget.value) : null)
              }
              disabled={people === null}
              required
            >
              <option value="">{t('invites.form.personPick')}</option>
              {candidates.map((person) => (
                <option key={person.id} value={person.id}>
                  {person.className ? `${person.fullName}, ${person.className}` : person.fullName}
                </option>
              ))}
            </select>
            {people && candidates.length === 0 && <p class="field__hint">{t('invites.form.personNone')}</p>}
          </div>
        )}
        <div class="form__row">
          <Field
            label={t('invites.form.days')}
            hint={until ? t('invites.form.daysHint', { date: until }) : t('invites.form.daysHintBad')}
            type="number"
            inputMode="numeric"
            min={1}
            max={90}
            value={days}
            onValue={setDays}
            invalid={!daysValid || invalid.has('expiresInDays')}
            required
          />
          {!personal && (
            <Field
              label={t('invites.form.limit')}
              hint={t('invites.form.limitHint')}
              type="number"
              inputMode="numeric"
              min={1}
              max={1000}
              value={limit}
              onValue={setLimit}
              invalid={invalid.has('maxUses')}
            />
          )}
        </div>
        <FormActions
          error={error}
          busy={busy}
          label={t('invites.form.submit')}
          busyLabel={t('invites.form.creating')}
          disabled={!ready}
          onCancel={onClose}
          sticky
        />
      </form>
    </Dialog>
  );
}
