import {
  type Role,
  type TCreatedPerson,
  type TCreatePersonRequest,
  type TPersonSummary,
  ZCreatePersonRequest,
} from '@parta/protocol';
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/endpoints.js';
import { usePeople } from '../../api/usePeople.js';
import { Dialog } from '../../components/Dialog.js';
import { LinkCard } from '../../components/LinkCard.js';
import { ErrorNote, Field, invalidFields, SkeletonList } from '../../components/ui.js';
import { rolesPhrase } from '../../format/roles.js';
import { FormActions } from '../../forms/FormActions.js';
import { RadioList } from '../../forms/RadioList.js';
import { checkInput, loginRules } from '../../forms/rules.js';
import { useSubmit } from '../../forms/useSubmit.js';
import { t } from '../../i18n/index.js';
import { blankPerson, type NewPerson, NewPersonFields } from './NewPersonFields.js';

const SHOWN = 60;

export interface ChooseProps {
  title: string;
  /** who is listed: people with one of these roles; a new person gets the first */
  roles: readonly [Role, ...Role[]];
  /** already in place (this class's students, this child's parents) */
  exclude?: ReadonlySet<number>;
  intro?: string;
  /** the admin may add someone new right here; a class teacher only picks */
  allowCreate: boolean;
  submitLabel: string;
  /** more to fill in (a subject) and whether it is filled */
  extra?: ComponentChildren;
  ready?: boolean;
  act: (personId: number) => Promise<unknown>;
  /** something changed: the screen behind reloads */
  onDone: () => void;
  onClose: () => void;
}

/**
 * Pick a person from the school's list — or, for the admin, add a new one — and
 * do one thing with them (assign, enrol, link). A new person's one-time link is
 * shown at the end, to hand over.
 */
export function ChoosePersonDialog(props: ChooseProps) {
  const { roles, exclude, allowCreate } = props;
  const [mode, setMode] = useState<'pick' | 'new'>('pick');
  const [filter, setFilter] = useState('');
  const [picked, setPicked] = useState<number | null>(null);
  const [draft, setDraft] = useState<NewPerson>(blankPerson);
  const [created, setCreated] = useState<TCreatedPerson | null>(null);
  const [done, setDone] = useState(false);
  const { busy, error, run } = useSubmit();
  const found = usePeople({
    q: filter.trim() || undefined,
    role: roles.join(','),
    limit: SHOWN,
  });
  const people = found.list
    ? [
        ...(created ? [created.person] : []),
        ...found.list.people.filter(
          (person) =>
            person.roles.some((role) => roles.includes(role)) &&
            !exclude?.has(person.id) &&
            person.id !== created?.person.id,
        ),
      ]
    : null;
  const nobodyAtAll = found.list !== null && !found.stale && filter.trim() === '' && people?.length === 0;

  useEffect(() => {
    if (nobodyAtAll && allowCreate) setMode('new');
  }, [nobodyAtAll]);

  async function submit(event: Event) {
    event.preventDefault();
    let made = created;
    await run(async () => {
      if (mode === 'new') {
        const body: TCreatePersonRequest = {
          fullName: draft.fullName.trim(),
          login: draft.login.trim(),
          roles: [roles[0]],
        };
        if (draft.phone.trim()) body.phone = draft.phone.trim();
        checkInput(ZCreatePersonRequest, body, {
          fullName: t('people.fullName'),
          login: t('people.login'),
          phone: t('people.phone'),
        });
        made = await api.createPerson(body);
        // If the next step fails, the new person is already there: offered first in the list.
        setCreated(made);
        setPicked(made.person.id);
        setMode('pick');
      }
      const personId = mode === 'new' ? made!.person.id : picked!;
      await props.act(personId);
      props.onDone();
      if (made && made.person.id === personId) setDone(true);
      else props.onClose();
    });
  }

  if (done && created) {
    return (
      <Dialog title={props.title} onClose={props.onClose}>
        <div class="dialog__body">
          <LinkCard created={created} reissued={false} onDone={props.onClose} doneLabel={t('common.done')} />
        </div>
      </Dialog>
    );
  }

  const canSubmit =
    (props.ready ?? true) &&
    (mode === 'pick'
      ? picked !== null
      : draft.fullName.trim() !== '' && draft.login.trim().length >= (loginRules.minLength ?? 1));
  return (
    <Dialog title={props.title} onClose={props.onClose}>
      <form class="form dialog__body" onSubmit={submit}>
        {props.intro && <p class="form__note">{props.intro}</p>}
        {allowCreate && (
          <div class="segmented segmented--full" role="radiogroup" aria-label={t('chooser.how')}>
            {(['pick', 'new'] as const).map((option) => (
              <label key={option} class="segmented__option">
                <input
                  type="radio"
                  name="choose-mode"
                  checked={mode === option}
                  onChange={() => setMode(option)}
                />
                <span>{option === 'pick' ? t('chooser.fromList') : t(`chooser.new.${roles[0]}`)}</span>
              </label>
            ))}
          </div>
        )}
        {mode === 'new' ? (
          <NewPersonFields value={draft} onChange={setDraft} invalid={invalidFields(error)} />
        ) : (
          <fieldset class="form__group picker">
            <legend>{t(`chooser.list.${roles[0]}`)}</legend>
            {people === null && !found.error && <SkeletonList rows={3} label={t('people.loading')} />}
            <ErrorNote error={found.error} />
            {people && !nobodyAtAll && (
              <Field label={t('chooser.filter')} type="search" value={filter} onValue={setFilter} />
            )}
            {nobodyAtAll && <p class="form__note">{t(`chooser.nobody.${roles[0]}`)}</p>}
            {people && !nobodyAtAll && people.length === 0 && !found.stale && (
              <p class="form__note">{t('people.nobody')}</p>
            )}
            <RadioList
              name="chosen-person"
              items={people ?? []}
              picked={picked}
              onPick={setPicked}
              listClass="picker__list"
              itemClass="picker__item"
            >
              {(person) => (
                <>
                  <span class="picker__name">{person.fullName}</span>
                  {personLine(person, roles) && (
                    <span class="picker__roles">{personLine(person, roles)}</span>
                  )}
                </>
              )}
            </RadioList>
            {found.list?.more && <p class="form__note">{t('chooser.more', { count: SHOWN })}</p>}
          </fieldset>
        )}
        {props.extra}
        <FormActions
          error={error}
          busy={busy}
          label={props.submitLabel}
          disabled={!canSubmit}
          onCancel={props.onClose}
          sticky
        />
      </form>
    </Dialog>
  );
}

/**
 * «5А» for a student, who a parent is («папа Миши В., 1А»), and the roles
 * when the person has others too («Учитель, Родитель»).
 */
function personLine(person: TPersonSummary, listed: readonly Role[]): string {
  const roles = person.roles.some((role) => !listed.includes(role)) ? rolesPhrase(person.roles) : '';
  return [person.className ?? '', person.context ?? '', roles].filter(Boolean).join(' · ');
}
