import {
  handGivenRoles,
  leadingRole,
  type Role,
  type TCreatedPerson,
  type TPersonSummary,
} from '@parta/protocol';
import { useId, useState } from 'preact/hooks';
import { api } from '../api/endpoints.js';
import { usePeople } from '../api/usePeople.js';
import { AddPersonForm } from '../components/AddPersonForm.js';
import { PlusIcon } from '../components/icons.js';
import { LinkCard } from '../components/LinkCard.js';
import { EmptyState, ErrorNote, Field, RetryNote, SkeletonList } from '../components/ui.js';
import { rolesPhrase } from '../format/roles.js';
import { useSubmit } from '../forms/useSubmit.js';
import { t } from '../i18n/index.js';
import { followLink } from '../router.js';
import { canManageSchool, me } from '../state/session.js';
import { SchoolPage } from './school/SchoolPage.js';

/** How many people one page of the list shows; more: narrow the search. */
const SHOWN = 200;

/** The roles one narrows the list by: a class teacher is a teacher who leads a class. */
const filterRoles: readonly Role[] = [...handGivenRoles, leadingRole];

/**
 * «Люди», a tab of «Школа»: the school's people, narrowed on the server by
 * name, role and class, each opening their card — a parent with who they are
 * («мама Миши В., 1А»); the admin adds one with a one-time link.
 */
export function PeopleScreen() {
  const [mode, setMode] = useState<'list' | 'adding' | 'created' | 'reissued'>('list');
  const [created, setCreated] = useState<TCreatedPerson | null>(null);
  const { working: issuing, error: issueError, run } = useSubmit<number>();
  const [filter, setFilter] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const [classId, setClassId] = useState('');
  const manage = canManageSchool.value;
  const roleId = useId();
  const classFieldId = useId();
  const narrowed = filter.trim() !== '' || role !== '' || classId !== '';
  const { list, error, stale, reload } = usePeople({
    q: filter.trim() || undefined,
    role: role || undefined,
    classId: classId || undefined,
    limit: SHOWN,
  });
  const people = list?.people ?? null;

  function onCreated(result: TCreatedPerson) {
    setCreated(result);
    setMode('created');
    reload();
  }

  async function reissue(person: TPersonSummary) {
    await run(async () => {
      const setPasswordLink = await api.issueResetLink(person.id);
      setCreated({ person, setPasswordLink });
      setMode('reissued');
      window.scrollTo({ top: 0 });
    }, person.id);
  }

  const myId = me.value!.id;
  const onlyMe = !narrowed && (people?.every((person) => person.id === myId) ?? false);
  return (
    <SchoolPage
      tab="people"
      title={t('people.title')}
      action={
        manage &&
        mode === 'list' && (
          <button
            type="button"
            class="button button--primary button--compact button--icon-on-phone"
            onClick={() => setMode('adding')}
            aria-label={t('people.addButton')}
          >
            <PlusIcon width="20" height="20" />
            <span class="button__label">{t('people.addButton')}</span>
          </button>
        )
      }
    >
      {mode === 'adding' && <AddPersonForm onCreated={onCreated} onCancel={() => setMode('list')} />}
      {(mode === 'created' || mode === 'reissued') && created && (
        <LinkCard
          created={created}
          reissued={mode === 'reissued'}
          onDone={() => setMode(mode === 'created' ? 'adding' : 'list')}
        />
      )}
      <ErrorNote error={issueError} />
      {error ? (
        <RetryNote error={error} retry={reload} />
      ) : people === null ? (
        <SkeletonList label={t('people.loading')} />
      ) : onlyMe && manage && mode === 'list' ? (
        <EmptyState title={t('people.emptyTitle')} text={t('people.emptyText')}>
          <button type="button" class="button button--primary" onClick={() => setMode('adding')}>
            {t('people.addButton')}
          </button>
        </EmptyState>
      ) : (
        <section aria-labelledby="people-list-title" aria-busy={stale}>
          <search class="people-filters">
            <Field label={t('people.filter')} type="search" value={filter} onValue={setFilter} />
            <div class="field">
              <label for={roleId}>{t('people.filterRole')}</label>
              <select
                id={roleId}
                value={role}
                onChange={(event) => setRole(event.currentTarget.value as Role)}
              >
                <option value="">{t('people.anyRole')}</option>
                {filterRoles.map((option) => (
                  <option key={option} value={option}>
                    {t(`roles.${option}`)}
                  </option>
                ))}
              </select>
            </div>
            {(list?.classes?.length ?? 0) > 0 && (
              <div class="field">
                <label for={classFieldId}>{t('people.filterClass')}</label>
                <select
                  id={classFieldId}
                  value={classId}
                  onChange={(event) => setClassId(event.currentTarget.value)}
                >
                  <option value="">{t('people.anyClass')}</option>
                  {list!.classes!.map((option) => (
                    <option key={option.id} value={String(option.id)}>
                      {option.name}
                    </option>
                  ))}
                </select>
              </div>
            )}
          </search>
          <h2 class="section-title" id="people-list-title">
            {narrowed
              ? t('people.found', { count: people.length })
              : t('people.count', { count: people.length })}
          </h2>
          {list?.more && <p class="form__note">{t('people.more', { count: SHOWN })}</p>}
          {narrowed && people.length === 0 && <p class="form__note">{t('people.nobody')}</p>}
          <ul class="people">
            {people.map((person) => (
              <li class="people__item" key={person.id}>
                <a
                  class="people__who"
                  href={`/people/${person.id}`}
                  onClick={(event) => followLink(event, `/people/${person.id}`)}
                >
                  <span class="people__name">{person.fullName}</span>
                  <span class="people__roles">{personLine(person)}</span>
                </a>
                {manage && person.id !== myId && (
                  <button
                    type="button"
                    class="button button--small button--quiet"
                    disabled={issuing !== null}
                    onClick={() => void reissue(person)}
                    aria-label={t('people.reissueFor', { name: person.fullName })}
                  >
                    {t('people.reissue')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
    </SchoolPage>
  );
}

/** «Родитель · папа Миши В., 1А», «Ученик · 5А»: what tells namesakes apart. */
function personLine(person: TPersonSummary): string {
  const roles = rolesPhrase(person.roles);
  return [roles, person.className, person.context].filter(Boolean).join(' · ');
}
