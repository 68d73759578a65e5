import { studyChatKinds, type TWorkingHoursAnswer } from '@parta/protocol';
import { t } from '../../i18n/index.js';
import { HolidayDates } from './HolidaysEditor.js';
import { daysPhrase, weekdays } from './hours-text.js';

/** The hours as text, for whoever may not change them. */
export function HoursView({ answer }: { answer: TWorkingHoursAnswer }) {
  const { hours } = answer;
  const thisYear = Number(answer.now.slice(0, 4));
  const off = weekdays.filter((day) => !hours.days.includes(day));
  const kinds = studyChatKinds.filter((kind) => hours.studyKinds.includes(kind));
  return (
    <>
      <section class="card" aria-labelledby="hours-days-title">
        <h2 class="card__title" id="hours-days-title">
          {t('workHours.days')}
        </h2>
        <p>
          {off.length === 0 ? t('workHours.daysAll') : t('workHours.daysNone', { days: daysPhrase(off) })}
        </p>
        <h3 class="hours__subtitle">{t('workHours.holidays')}</h3>
        {hours.holidays.length === 0 ? (
          <p class="form__note">{t('workHours.holidaysEmpty')}</p>
        ) : (
          <ul class="hours__holidays">
            {hours.holidays.map((holiday) => (
              <li key={`${holiday.from}-${holiday.to}`} class="hours__holiday">
                <span class="hours__holiday-name">{holiday.name || t('workHours.holidayUnnamed')}</span>
                <HolidayDates holiday={holiday} thisYear={thisYear} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section class="card" aria-labelledby="hours-kinds-title">
        <h2 class="card__title" id="hours-kinds-title">
          {t('workHours.kinds')}
        </h2>
        {kinds.length === 0 ? (
          <p>{t('workHours.kindsNone')}</p>
        ) : (
          <ul class="hours__kinds">
            {kinds.map((kind) => (
              <li key={kind}>{t(`workHours.kind.${kind}`)}</li>
            ))}
          </ul>
        )}
        <p>{hours.classTeachersUrgent ? t('workHours.urgentYes') : t('workHours.urgentNo')}</p>
        <p class="form__note">{t('workHours.readOnly')}</p>
      </section>
    </>
  );
}
