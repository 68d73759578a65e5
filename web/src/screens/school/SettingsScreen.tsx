import { useState } from 'preact/hooks';
import { schoolApi } from '../../api/school.js';
import { ErrorNote, RetryNote, SkeletonList } from '../../components/ui.js';
import { schoolYear } from '../../format/names.js';
import { useSubmit } from '../../forms/useSubmit.js';
import { t } from '../../i18n/index.js';
import { followLink } from '../../router.js';
import { FileRulesCard } from './FileRulesCard.js';
import { SchoolIdentityCard } from './SchoolIdentityCard.js';
import { SchoolPage } from './SchoolPage.js';
import { useLoad } from './useLoad.js';

type Setting = 'subjectTeachersInParentChats' | 'directParentToParent' | 'directStudentToStudent';

/**
 * «Настройки» of the school (the admin): its name and time zone, who is in
 * the parents' chats, who may write to whom directly, and the new school year.
 */
export function SettingsScreen() {
  const { data, error, reload, setData } = useLoad(schoolApi.structure, 'structure');
  const { busy, error: failure, run } = useSubmit();
  const [tried, setTried] = useState<Setting | null>(null);
  const [saved, setSaved] = useState<Setting | null>(null);
  const saveError = failure && tried ? { setting: tried, error: failure } : null;

  /** The switch moves at once; it moves back if the server refuses. */
  async function toggle(setting: Setting, value: boolean) {
    if (!data) return;
    const before = data;
    setData({ ...data, school: { ...data.school, [setting]: value } });
    setTried(setting);
    setSaved(null);
    const done = await run(async () => {
      await schoolApi.setSettings({ [setting]: value });
      setSaved(setting);
    });
    if (!done) setData(before);
  }

  const row = (setting: Setting, label: string, hint: string) => (
    <label class="switch-row switch-row--card">
      <span>
        <span class="switch-row__label">{label}</span>
        <span class="switch-row__hint">{hint}</span>
      </span>
      <input
        type="checkbox"
        role="switch"
        class="switch"
        checked={data?.school[setting]}
        aria-checked={data?.school[setting]}
        disabled={busy}
        onChange={(event) => void toggle(setting, event.currentTarget.checked)}
      />
    </label>
  );

  return (
    <SchoolPage tab="settings" title={t('school.tabs.settings')}>
      {error ? (
        <RetryNote error={error} retry={reload} />
      ) : data === null ? (
        <SkeletonList rows={2} label={t('settings.loading')} />
      ) : (
        <div class="settings">
          <SchoolIdentityCard
            school={data.school}
            onSaved={(school) => setData({ ...data, school: { ...data.school, ...school } })}
          />
          <section class="card" aria-labelledby="chats-settings-title">
            <h2 class="card__title" id="chats-settings-title">
              {t('settings.chats')}
            </h2>
            {row(
              'subjectTeachersInParentChats',
              t('settings.subjectTeachers'),
              t('settings.subjectTeachersHint'),
            )}
            {saved === 'subjectTeachersInParentChats' && (
              <p class="form__note form__note--ok" role="status">
                {t('settings.saved')}
              </p>
            )}
            {saveError?.setting === 'subjectTeachersInParentChats' && <ErrorNote error={saveError.error} />}
          </section>
          <section class="card" aria-labelledby="direct-settings-title">
            <h2 class="card__title" id="direct-settings-title">
              {t('settings.direct')}
            </h2>
            <p class="form__note">{t('settings.directExplain')}</p>
            {row('directParentToParent', t('settings.directParents'), t('settings.directParentsHint'))}
            {row('directStudentToStudent', t('settings.directStudents'), t('settings.directStudentsHint'))}
            {saved !== null && saved !== 'subjectTeachersInParentChats' && (
              <p class="form__note form__note--ok" role="status">
                {t('settings.directSaved')}
              </p>
            )}
            {saveError && saveError.setting !== 'subjectTeachersInParentChats' && (
              <ErrorNote error={saveError.error} />
            )}
          </section>
          <FileRulesCard />
          <section class="card" aria-labelledby="year-title">
            <h2 class="card__title" id="year-title">
              {t('settings.year')}
            </h2>
            <p>{t('settings.yearNow', { year: schoolYear(data.school.academicYear) })}</p>
            <p class="form__note">{t('settings.yearExplain')}</p>
            <div class="section-actions">
              <a
                class="button"
                href="/school/rollover"
                onClick={(event) => followLink(event, '/school/rollover')}
              >
                {t('settings.toRollover')}
              </a>
            </div>
          </section>
        </div>
      )}
    </SchoolPage>
  );
}
