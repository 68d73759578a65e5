import { type TSchoolStructure, ZSchoolSettingsRequest } from '@parta/protocol';
import { useId, useState } from 'preact/hooks';
import { schoolApi } from '../../api/school.js';
import { ErrorNote, Field, invalidFields } from '../../components/ui.js';
import { checkInput, lengthsOf } from '../../forms/rules.js';
import { useSubmit } from '../../forms/useSubmit.js';
import { ZoneOptions } from '../../forms/ZoneOptions.js';
import { t } from '../../i18n/index.js';
import { me } from '../../state/session.js';

/**
 * The school's name and time zone (working hours and every time shown follow
 * the zone). Saved together; everyone's open tabs hear of it (`school.update`).
 */
export function SchoolIdentityCard({
  school,
  onSaved,
}: {
  school: TSchoolStructure['school'];
  onSaved: (school: { name: string; timeZone: string }) => void;
}) {
  const [name, setName] = useState(school.name);
  const [timeZone, setTimeZone] = useState(school.timeZone);
  const [saved, setSaved] = useState(false);
  const { busy, error, onSubmit } = useSubmit();
  const zoneId = useId();
  const invalid = invalidFields(error);
  const changed = name.trim() !== school.name || timeZone !== school.timeZone;

  const submit = onSubmit(async () => {
    setSaved(false);
    const body = { name: name.trim(), timeZone };
    checkInput(ZSchoolSettingsRequest, body, {
      name: t('settings.schoolName'),
      timeZone: t('settings.timeZone'),
    });
    await schoolApi.setSettings(body);
    const current = me.peek();
    if (current) me.value = { ...current, school: { ...current.school, ...body } };
    onSaved(body);
    setSaved(true);
  });

  return (
    <section class="card" aria-labelledby="school-identity-title">
      <h2 class="card__title" id="school-identity-title">
        {t('settings.school')}
      </h2>
      <form class="form" onSubmit={submit}>
        <Field
          label={t('settings.schoolName')}
          value={name}
          onValue={(value) => {
            setName(value);
            setSaved(false);
          }}
          {...lengthsOf(ZSchoolSettingsRequest.shape.name.def.innerType)}
          invalid={invalid.has('name')}
          required
        />
        <div class={`field${invalid.has('timeZone') ? ' field--invalid' : ''}`}>
          <label for={zoneId}>{t('settings.timeZone')}</label>
          <select
            id={zoneId}
            value={timeZone}
            aria-describedby={`${zoneId}-hint`}
            onChange={(event) => {
              setTimeZone(event.currentTarget.value);
              setSaved(false);
            }}
          >
            <ZoneOptions />
          </select>
          <p class="field__hint" id={`${zoneId}-hint`}>
            {t('settings.timeZoneHint')}
          </p>
        </div>
        <ErrorNote error={error} />
        {saved && (
          <p class="form__note form__note--ok" role="status">
            {t('settings.schoolSaved')}
          </p>
        )}
        <div class="form__actions">
          <button type="submit" class="button button--primary" disabled={busy || !changed}>
            {busy ? t('common.saving') : t('settings.schoolSave')}
          </button>
        </div>
      </form>
    </section>
  );
}
