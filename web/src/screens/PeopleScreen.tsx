import type { TCreatedPerson, TPersonSummary } from '@parta/protocol';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/endpoints.js';
import { AddPersonForm } from '../components/AddPersonForm.js';
import { PlusIcon } from '../components/icons.js';
import { LinkCard } from '../components/LinkCard.js';
import { EmptyState, ErrorNote, Field, SkeletonList } from '../components/ui.js';
import { useSubmit } from '../forms/useSubmit.js';
import { t } from '../i18n/index.js';
import { followLink } from '../router.js';
import { canManageSchool, me } from '../state/session.js';
import { SchoolPage } from './school/SchoolPage.js';

/**
 * «Люди», a tab of «Школа»: the school's people, each opening their card; the
 * admin adds one with a one-time link.
 */
export function PeopleScreen() {
  const [people, setPeople] = useState<TPersonSummary[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [mode, setMode] = useState<'list' | 'adding' | 'created' | 'reissued'>('list');
  const [created, setCreated] = useState<TCreatedPerson | null>(null);
  const { working: issuing, error: issueError, run } = useSubmit<number>();
  const [filter, setFilter] = useState('');
  const manage = canManageSchool.value;

  function load() {
    setError(null);
    api.people().then(
      (list) => setPeople(list.people),
      (failure: unknown) => setError(failure),
    );
  }
  useEffect(load, []);

  function onCreated(result: TCreatedPerson) {
    setCreated(result);
    setMode('created');
    setPeople((list) =>
      [...(list ?? []), result.person].sort((a, b) => a.fullName.localeCompare(b.fullName, 'ru')),
    );
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
  const onlyMe = people?.every((person) => person.id === myId) ?? false;
  const needle = filter.trim().toLocaleLowerCase();
  const shown = (people ?? []).filter(
    (person) => !needle || person.fullName.toLocaleLowerCase().includes(needle),
  );
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
        <ErrorNote error={error}>
          <button type="button" class="button" onClick={load}>
            {t('common.retry')}
          </button>
        </ErrorNote>
      ) : people === null ? (
        <SkeletonList label={t('people.loading')} />
      ) : onlyMe && manage && mode === 'list' ? (
        <EmptyState title={t('people.emptyTitle')} text={t('people.emptyText')}>
          <button type="button" class="button button--primary" onClick={() => setMode('adding')}>
            {t('people.addButton')}
          </button>
        </EmptyState>
      ) : (
        <section aria-labelledby="people-list-title">
          {people.length > 8 && (
            <Field label={t('people.filter')} type="search" value={filter} onValue={setFilter} />
          )}
          <h2 class="section-title" id="people-list-title">
            {needle
              ? t('people.found', { count: shown.length })
              : t('people.count', { count: people.length })}
          </h2>
          <ul class="people">
            {shown.map((person) => (
              <li class="people__item" key={person.id}>
                <a
                  class="people__who"
                  href={`/people/${person.id}`}
                  onClick={(event) => followLink(event, `/people/${person.id}`)}
                >
                  <span class="people__name">{person.fullName}</span>
                  <span class="people__roles">
                    {person.roles.map((role) => t(`roles.${role}`)).join(', ')}
                    {person.className ? ` · ${person.className}` : ''}
                  </span>
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
