import { russianTimeZones, type TWorkingHours, type TWorkingHoursAnswer } from '@parta/protocol';
import type { ComponentChildren } from 'preact';
import { schoolApi } from '../../api/school.js';
import { BackLink, RetryNote, SkeletonList } from '../../components/ui.js';
import { t } from '../../i18n/index.js';
import { followLink } from '../../router.js';
import { canManageSchool, canSeeSchool, me } from '../../state/session.js';
import { HoursForm } from './HoursForm.js';
import { HoursReport } from './HoursReport.js';
import { HoursView } from './HoursView.js';
import { hoursSummary } from './hours-text.js';
import { SchoolPage } from './SchoolPage.js';
import { useLoad } from './useLoad.js';

/**
 * «Рабочее время» (regulation §6.2): when study chats deliver what is
 * written, on which days, the holidays, which chats keep the hours and who
 * may write urgently. The admin edits it (`policies.edit`), everyone else
 * with «Школа» or «Мой класс» reads it; the administration also sees last
 * week's report (`policies.seeReport`).
 */
export function HoursScreen() {
  // Asked again when the school's hours or zone change under this tab (`me.school`, kept by the live stream).
  const school = me.value?.school;
  const { data, error, reload, setData } = useLoad(
    schoolApi.hours,
    JSON.stringify([school?.hours, school?.timeZone]),
  );

  const body = error ? (
    <RetryNote error={error} retry={reload} />
  ) : data === null ? (
    <SkeletonList rows={3} label={t('workHours.loading')} />
  ) : (
    <div class="hours">
      <div class="settings hours__main">
        <section class="card" aria-labelledby="hours-summary">
          <h2 class="card__title" id="hours-summary">
            <HoursSummary hours={data.hours} />
          </h2>
          <p class="form__note">{t('workHours.explain')}</p>
          <ZoneLine timeZone={data.timeZone} />
        </section>
        {data.policies.edit ? (
          <HoursForm
            hours={data.hours}
            thisYear={Number(data.now.slice(0, 4))}
            onSaved={(hours) => {
              setData({ ...data, hours });
              const current = me.peek();
              if (current) me.value = { ...current, school: { ...current.school, hours } };
            }}
          />
        ) : (
          <HoursView answer={data} />
        )}
      </div>
      {data.policies.seeReport && <HoursReport timeZone={data.timeZone} />}
    </div>
  );

  return canSeeSchool.value ? (
    <SchoolPage tab="hours" title={t('workHours.title')}>
      {body}
    </SchoolPage>
  ) : (
    <OwnPage>{body}</OwnPage>
  );
}

/** For a class teacher, whose «Мой класс» has no tabs: a page of its own, back to the class. */
function OwnPage({ children }: { children: ComponentChildren }) {
  return (
    <main class="page" aria-labelledby="hours-title">
      <header class="page__header page__header--back">
        <BackLink to="/school" label={t('workHours.back')} />
        <div class="page__heading">
          <h1 class="page__title" id="hours-title">
            {t('workHours.title')}
          </h1>
          <p class="page__subtitle">{me.value!.school.name}</p>
        </div>
      </header>
      <div class="page__body">{children}</div>
    </main>
  );
}

/** The zone the hours are counted in, and where the admin changes it («Настройки»). */
function ZoneLine({ timeZone }: { timeZone: TWorkingHoursAnswer['timeZone'] }) {
  const named = (russianTimeZones as readonly string[]).includes(timeZone) || timeZone === 'UTC';
  const zone = named ? t(`timeZones.${timeZone.replace('/', '_')}`) : timeZone;
  return (
    <p class="form__note">
      {t('workHours.zone', { zone })}{' '}
      {canManageSchool.value && (
        <a href="/school/settings" onClick={(event) => followLink(event, '/school/settings')}>
          {t('workHours.zoneChange')}
        </a>
      )}
    </p>
  );
}

/** On «Мой класс»: the school's hours in one line, opening their page. */
export function HoursLink() {
  const hours = me.value!.school.hours;
  return (
    <p class="hours-link">
      <a href="/school/hours" onClick={(event) => followLink(event, '/school/hours')}>
        <HoursSummary hours={hours} />
      </a>
    </p>
  );
}

/** «Рабочее время школы: пн–пт, 08:00–19:00», the days and hours never split over two lines. */
function HoursSummary({ hours }: { hours: TWorkingHours }) {
  const { before, when, after } = hoursSummary(hours);
  return (
    <span>
      {before}
      <span class="hours__when">{when}</span>
      {after}
    </span>
  );
}
