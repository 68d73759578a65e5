import { schoolApi } from '../../api/school.js';
import { ClassIcon } from '../../components/icons.js';
import { EmptyState, RetryNote, SkeletonList } from '../../components/ui.js';
import { t } from '../../i18n/index.js';
import { followLink, type SchoolTab } from '../../router.js';
import { canInvite, canManageSchool, canSeeSchool, me } from '../../state/session.js';
import { PeopleScreen } from '../PeopleScreen.js';
import { ClassesScreen } from './ClassesScreen.js';
import { ClassScreen } from './ClassScreen.js';
import { HoursLink, HoursScreen } from './HoursScreen.js';
import { InvitesScreen } from './InvitesScreen.js';
import { SettingsScreen } from './SettingsScreen.js';
import { useLoad } from './useLoad.js';

/** «Школа» for the admin and the administration; «Мой класс» for a class teacher. */
export function SchoolScreen({ tab }: { tab: SchoolTab }) {
  if (tab === 'invites' && canInvite.value) return <InvitesScreen />;
  if (tab === 'hours') return <HoursScreen />;
  if (!canSeeSchool.value) return <MyClasses />;
  if (tab === 'people') return <PeopleScreen />;
  if (tab === 'settings' && canManageSchool.value) return <SettingsScreen />;
  return <ClassesScreen />;
}

/** The classes a class teacher leads (`leads` of their own card): one opens at once, several are listed. */
function MyClasses() {
  const myId = me.value!.id;
  const { data, error, reload } = useLoad(() => schoolApi.person(myId), myId);
  if (data?.leads.length === 1) return <ClassScreen classId={data.leads[0]!.id} root />;
  return (
    <main class="page" aria-labelledby="my-classes-title">
      <header class="page__header">
        <h1 class="page__title" id="my-classes-title">
          {t('myClasses.title')}
        </h1>
      </header>
      <div class="page__body">
        {error ? (
          <RetryNote error={error} retry={reload} />
        ) : data === null ? (
          <SkeletonList rows={2} label={t('classes.loading')} />
        ) : data.leads.length === 0 ? (
          <EmptyState title={t('myClasses.emptyTitle')} text={t('myClasses.emptyText')} />
        ) : (
          <ul class="rows card">
            {data.leads.map((item) => (
              <li key={item.id} class="rows__item">
                <a
                  class="rows__link"
                  href={`/classes/${item.id}`}
                  onClick={(event) => followLink(event, `/classes/${item.id}`)}
                >
                  <ClassIcon />
                  {item.name}
                </a>
              </li>
            ))}
          </ul>
        )}
        <HoursLink />
      </div>
    </main>
  );
}
