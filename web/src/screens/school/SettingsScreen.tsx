import { useState } from 'preact/hooks';
import { schoolApi } from '../../api/school.js';
import { ErrorNote, SkeletonList } from '../../components/ui.js';
import { schoolYear } from '../../format/names.js';
import { t } from '../../i18n/index.js';
import { followLink } from '../../router.js';
import { SchoolPage } from './SchoolPage.js';
import { useLoad } from './useLoad.js';

/** «Настройки» of the school (the admin): who is in the parents' chats, and the new school year. */
export function SettingsScreen() {
  const { data, error, reload, setData } = useLoad(schoolApi.structure, 'structure');
  const [busy, setBusy] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);

  /** The switch moves at once; it moves back if the server refuses. */
  async function toggle(value: boolean) {
    if (!data) return;
    const before = data;
    setData({ ...data, school: { ...data.school, subjectTeachersInParentChats: value } });
    setBusy(true);
    setSaveError(null);
    setSaved(false);
    try {
      await schoolApi.setSettings(value);
      setSaved(true);
    } catch (failure) {
      setData(before);
      setSaveError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <SchoolPage tab="settings" title={t('school.tabs.settings')}>
      {error ? (
        <ErrorNote error={error}>
          <button type="button" class="button" onClick={reload}>
            {t('common.retry')}
          </button>
        </ErrorNote>
      ) : data === null ? (
        <SkeletonList rows={2} label={t('settings.loading')} />
      ) : (
        <div class="settings">
          <section class="card" aria-labelledby="chats-settings-title">
            <h2 class="card__title" id="chats-settings-title">
              {t('settings.chats')}
            </h2>
            <label class="switch-row switch-row--card">
              <span>
                <span class="switch-row__label">{t('settings.subjectTeachers')}</span>
                <span class="switch-row__hint">{t('settings.subjectTeachersHint')}</span>
              </span>
              <input
                type="checkbox"
                role="switch"
                class="switch"
                checked={data.school.subjectTeachersInParentChats}
                aria-checked={data.school.subjectTeachersInParentChats}
                disabled={busy}
                onChange={(event) => void toggle(event.currentTarget.checked)}
              />
            </label>
            {saved && (
              <p class="form__note form__note--ok" role="status">
                {t('settings.saved')}
              </p>
            )}
            <ErrorNote error={saveError} />
          </section>
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
