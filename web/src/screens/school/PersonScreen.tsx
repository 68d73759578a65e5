import type { TPersonCard } from '@parta/protocol';
import { isParent, isStudent } from '@parta/protocol';
import type { ComponentChildren } from 'preact';
import { api } from '../../api/endpoints.js';
import { schoolApi } from '../../api/school.js';
import { BackLink, EmptyState, RetryNote, SkeletonList } from '../../components/ui.js';
import { rolesPhrase } from '../../format/roles.js';
import { t } from '../../i18n/index.js';
import { followLink } from '../../router.js';
import { me } from '../../state/session.js';
import { PersonActions } from './PersonActions.js';
import { PersonLink } from './PersonLink.js';
import { RoleEditor } from './RoleEditor.js';
import { useLoad } from './useLoad.js';
import { WriteDirect } from './WriteDirect.js';

function ClassLink({ schoolClass }: { schoolClass: { id: number; name: string } }) {
  const href = `/classes/${schoolClass.id}`;
  return (
    <a class="class-chip" href={href} onClick={(event) => followLink(event, href)}>
      {schoolClass.name}
    </a>
  );
}

/** A person's card: roles, class, children or parents, classes led, contacts (admins), and what to do. */
export function PersonScreen({ personId }: { personId: number }) {
  const { data: person, error, reload, setData } = useLoad(() => schoolApi.person(personId), personId);
  const missing = error instanceof Error && 'code' in error && error.code === 'people.not_found';

  function saved(card: TPersonCard) {
    setData(card);
    // My own roles changed: the places and what I may do follow.
    if (card.id === me.value?.id) void api.me().then((fresh) => (me.value = fresh));
  }

  return (
    <main class="page" aria-labelledby="person-title">
      <header class="page__header page__header--back">
        <BackLink to={'/school/people'} label={t('person.back')} />
        <div class="page__heading">
          <h1 class="page__title" id="person-title">
            {person?.fullName ?? t('person.titleLoading')}
          </h1>
          {person && (
            <p class="page__subtitle page__subtitle--wrap" data-testid="person-subtitle">
              {person.left
                ? t('person.left')
                : [rolesPhrase(person.roles), person.context].filter(Boolean).join(' · ')}
            </p>
          )}
        </div>
      </header>
      <div class="page__body">
        {missing ? (
          <EmptyState title={t('person.notFoundTitle')} text={t('person.notFoundText')} />
        ) : error && !person ? (
          <RetryNote error={error} retry={reload} />
        ) : person === null ? (
          <SkeletonList rows={4} label={t('person.loading')} />
        ) : (
          <>
            {person.left && <p class="notice notice--warn">{t('person.leftNote')}</p>}
            {person.policies.writeDirect && <WriteDirect personId={person.id} />}
            <RoleEditor key={person.roles.join()} person={person} onSaved={saved} />
            <Relations person={person} />
            {person.contacts && (
              <section class="card" aria-labelledby="contacts-title">
                <h2 class="card__title" id="contacts-title">
                  {t('person.contacts')}
                </h2>
                <dl class="facts">
                  <div class="facts__row">
                    <dt>{t('people.login')}</dt>
                    <dd>{person.contacts.login}</dd>
                  </div>
                  <div class="facts__row">
                    <dt>{t('people.phone')}</dt>
                    <dd>{person.contacts.phone ?? t('person.none')}</dd>
                  </div>
                  <div class="facts__row">
                    <dt>{t('people.email')}</dt>
                    <dd>{person.contacts.email ?? t('person.none')}</dd>
                  </div>
                </dl>
              </section>
            )}
            {person.policies.manage && <PersonActions person={person} onChanged={reload} />}
          </>
        )}
      </div>
    </main>
  );
}

/** Class (a student), children (a parent), parents (a student), classes led (a class teacher). */
function Relations({ person }: { person: TPersonCard }) {
  const student = isStudent(person.roles);
  const rows: { title: string; body: ComponentChildren }[] = [];
  if (student || person.class) {
    rows.push({
      title: t('person.class'),
      body: person.class ? <ClassLink schoolClass={person.class} /> : t('person.noClass'),
    });
  }
  if (person.children.length > 0 || isParent(person.roles)) {
    rows.push({
      title: t('person.children'),
      body:
        person.children.length === 0 ? (
          t('person.noChildren')
        ) : (
          <ul class="plain-list">
            {person.children.map((child) => (
              <li key={child.id}>
                <PersonLink person={child} open />
                {child.className && <span class="plain-list__note">{child.className}</span>}
              </li>
            ))}
          </ul>
        ),
    });
  }
  if (student || person.parents.length > 0) {
    rows.push({
      title: t('person.parents'),
      body:
        person.parents.length === 0 ? (
          t('person.noParents')
        ) : (
          <ul class="plain-list">
            {person.parents.map((parent) => (
              <li key={parent.id}>
                <PersonLink person={parent} open />
              </li>
            ))}
          </ul>
        ),
    });
  }
  if (person.leads.length > 0) {
    rows.push({
      title: t('person.leads'),
      body: person.leads.map((item) => <ClassLink key={item.id} schoolClass={item} />),
    });
  }
  if (rows.length === 0) return null;
  return (
    <section class="card" aria-label={t('person.relations')}>
      <dl class="facts facts--wide">
        {rows.map((row) => (
          <div key={row.title} class="facts__row">
            <dt>{row.title}</dt>
            <dd>{row.body}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
