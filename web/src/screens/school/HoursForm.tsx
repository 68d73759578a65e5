import { studyChatKinds, type TWorkingHours, ZWorkingHoursRequest } from '@parta/protocol';
import { useState } from 'preact/hooks';
import { ApiError } from '../../api/http.js';
import { schoolApi } from '../../api/school.js';
import { ErrorNote, Field, invalidFields } from '../../components/ui.js';
import { checkInput } from '../../forms/rules.js';
import { useSubmit } from '../../forms/useSubmit.js';
import { t } from '../../i18n/index.js';
import { HolidaysEditor } from './HolidaysEditor.js';
import { weekdayName, weekdays } from './hours-text.js';

/** Errors that belong to the time fields, shown beside them rather than at the foot of the form (so are the days'). */
const windowErrors = new Set(['hours.window_order']);

/**
 * The admin's form of the working hours: one draft of everything, saved
 * together with «Сохранить»; what the server refuses is said next to its
 * field, and nothing changes.
 */
export function HoursForm({
  hours,
  thisYear,
  onSaved,
}: {
  hours: TWorkingHours;
  thisYear: number;
  onSaved: (hours: TWorkingHours) => void;
}) {
  const [draft, setDraft] = useState(hours);
  const [saved, setSaved] = useState(false);
  const { busy, error, onSubmit, setError } = useSubmit();
  const invalid = invalidFields(error);
  const windowError = error instanceof ApiError && windowErrors.has(error.code) ? error : null;
  const daysError = windowError === null && invalid.has('days') ? error : null;
  const fieldError = windowError ?? daysError;
  const changed = JSON.stringify(draft) !== JSON.stringify(hours);

  function change(next: Partial<TWorkingHours>) {
    setDraft({ ...draft, ...next });
    setSaved(false);
  }

  function toggle<T>(list: readonly T[], item: T, order: readonly T[]): T[] {
    const set = new Set(list);
    if (set.has(item)) set.delete(item);
    else set.add(item);
    return order.filter((each) => set.has(each));
  }

  const submit = onSubmit(async () => {
    setSaved(false);
    checkInput(ZWorkingHoursRequest, draft, {
      opensAt: t('workHours.opensAt'),
      closesAt: t('workHours.closesAt'),
      days: t('workHours.days'),
      holidays: t('workHours.holidays'),
    });
    const answer = await schoolApi.setHours(draft);
    setDraft(answer);
    onSaved(answer);
    setSaved(true);
  });

  return (
    <form class="form hours__form" onSubmit={submit} noValidate>
      <section class="card" aria-labelledby="hours-window-title">
        <h2 class="card__title" id="hours-window-title">
          {t('workHours.window')}
        </h2>
        <div class="hours__window">
          <Field
            type="time"
            label={t('workHours.opensAt')}
            value={draft.opensAt}
            onValue={(opensAt) => change({ opensAt })}
            invalid={invalid.has('opensAt')}
            required
          />
          <Field
            type="time"
            label={t('workHours.closesAt')}
            value={draft.closesAt}
            onValue={(closesAt) => change({ closesAt })}
            invalid={invalid.has('closesAt') || windowError !== null}
            required
          />
        </div>
        <ErrorNote error={windowError} />
        <fieldset class="grid-pick">
          <legend class="grid-pick__legend">{t('workHours.days')}</legend>
          <div class="grid-pick__grid grid-pick__grid--week">
            {weekdays.map((day) => (
              <label key={day} class="grid-pick__item">
                <input
                  type="checkbox"
                  aria-label={weekdayName(day, 'long')}
                  checked={draft.days.includes(day)}
                  onChange={() => change({ days: toggle(draft.days, day, weekdays) })}
                />
                <span aria-hidden="true">{weekdayName(day, 'short')}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <ErrorNote error={daysError} />
      </section>

      <HolidaysEditor
        holidays={draft.holidays}
        thisYear={thisYear}
        onChange={(holidays) => change({ holidays })}
      />

      <section class="card" aria-labelledby="hours-kinds-title">
        <h2 class="card__title" id="hours-kinds-title">
          {t('workHours.kinds')}
        </h2>
        <p class="form__note">{t('workHours.kindsExplain')}</p>
        <ul class="picker__list hours__kinds-pick">
          {studyChatKinds.map((kind) => (
            <li key={kind}>
              <label class="picker__item">
                <input
                  type="checkbox"
                  checked={draft.studyKinds.includes(kind)}
                  onChange={() => change({ studyKinds: toggle(draft.studyKinds, kind, studyChatKinds) })}
                />
                <span>{t(`workHours.kind.${kind}`)}</span>
              </label>
            </li>
          ))}
        </ul>
      </section>

      <section class="card" aria-labelledby="hours-urgent-title">
        <h2 class="card__title" id="hours-urgent-title">
          {t('workHours.urgent')}
        </h2>
        <label class="switch-row switch-row--card">
          <span>
            <span class="switch-row__label">{t('workHours.classTeachersUrgent')}</span>
            <span class="switch-row__hint">{t('workHours.classTeachersUrgentHint')}</span>
          </span>
          <input
            type="checkbox"
            role="switch"
            class="switch"
            checked={draft.classTeachersUrgent}
            aria-checked={draft.classTeachersUrgent}
            onChange={(event) => change({ classTeachersUrgent: event.currentTarget.checked })}
          />
        </label>
      </section>

      <div class="hours__save">
        {saved && (
          <p class="form__note form__note--ok" role="status">
            {t('workHours.saved')}
          </p>
        )}
        <ErrorNote error={fieldError ? null : error} />
        <div class="form__actions">
          {changed && (
            <button
              type="button"
              class="button button--quiet"
              onClick={() => {
                setDraft(hours);
                setError(null);
              }}
            >
              {t('workHours.reset')}
            </button>
          )}
          <button type="submit" class="button button--primary" disabled={busy || !changed}>
            {busy ? t('common.saving') : t('workHours.save')}
          </button>
        </div>
      </div>
    </form>
  );
}
