import type { ComponentChildren } from 'preact';
import { schoolYear } from '../../format/names.js';
import { t } from '../../i18n/index.js';
import { followLink, type SchoolTab } from '../../router.js';
import { canInvite, canManageSchool, me } from '../../state/session.js';

/**
 * A tab of «Школа»: the tab's name as the title, the school below it, the
 * tabs (Классы, Люди, Приглашения, Настройки, Рабочее время), then the tab
 * itself. On a phone the tabs wrap onto a second line rather than hide.
 */
export function SchoolPage({
  tab,
  title,
  year,
  action,
  children,
}: {
  tab: SchoolTab;
  title: string;
  /** the school year, shown after the school's name (alone on a narrow phone) */
  year?: number;
  action?: ComponentChildren;
  children: ComponentChildren;
}) {
  const tabs: { id: SchoolTab; href: string; label: string }[] = [
    { id: 'classes', href: '/school', label: t('school.tabs.classes') },
    { id: 'people', href: '/school/people', label: t('school.tabs.people') },
  ];
  if (canInvite.value) {
    tabs.push({ id: 'invites', href: '/school/invites', label: t('school.tabs.invites') });
  }
  if (canManageSchool.value) {
    tabs.push({ id: 'settings', href: '/school/settings', label: t('school.tabs.settings') });
  }
  tabs.push({ id: 'hours', href: '/school/hours', label: t('school.tabs.hours') });
  return (
    <main class="page" aria-labelledby="school-title">
      <header class="page__header page__header--tabs">
        <div class="page__heading">
          <h1 class="page__title" id="school-title">
            {title}
          </h1>
          <p class={`page__subtitle${year ? ' page__subtitle--year' : ''}`}>
            <span class="page__school">{me.value!.school.name}</span>
            {year && <span>{t('classCard.year', { year: schoolYear(year) })}</span>}
          </p>
        </div>
        {action}
      </header>
      <nav class="tabs" aria-label={t('school.tabs.label')}>
        {tabs.map((item) => (
          <a
            key={item.id}
            class="tabs__link"
            href={item.href}
            aria-current={item.id === tab ? 'page' : undefined}
            onClick={(event) => followLink(event, item.href)}
          >
            {item.label}
          </a>
        ))}
      </nav>
      <div class="page__body page__body--wide">{children}</div>
    </main>
  );
}
