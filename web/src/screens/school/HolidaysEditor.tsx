import type { THoliday } from '@parta/protocol';
import { useState } from 'preact/hooks';
import { Field } from '../../components/ui.js';
import { t } from '../../i18n/index.js';
import { holidayDates, holidayEnds } from './hours-text.js';

/**
 * The days off of the year («Зимние каникулы», 30.12–08.01; «4 ноября»):
 * listed with «Убрать», and one more added from a day or a range with an
 * optional name. Part of the hours' draft: saved with the rest of the form.
 */
export function HolidaysEditor({
  holidays,
  thisYear,
  onChange,
}: {
  holidays: readonly THoliday[];
  thisYear: number;
  onChange: (holidays: THoliday[]) => void;
}) {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<'order' | 'day' | null>(null);

  function add() {
    if (!from) return setProblem('day');
    const last = to || from;
    if (last < from) return setProblem('order');
    const holiday = { from, to: last, name: name.trim() };
    onChange([...holidays, holiday].sort((a, b) => a.from.localeCompare(b.from)));
    setFrom('');
    setTo('');
    setName('');
    setProblem(null);
  }

  return (
    <section class="card" aria-labelledby="hours-holidays-title">
      <h2 class="card__title" id="hours-holidays-title">
        {t('workHours.holidays')}
      </h2>
      <p class="form__note">{t('workHours.holidaysExplain')}</p>
      {holidays.length === 0 ? (
        <p class="form__note">{t('workHours.holidaysEmpty')}</p>
      ) : (
        <ul class="hours__holidays">
          {holidays.map((holiday, index) => {
            const label = holiday.name || t('workHours.holidayUnnamed');
            const dates = holidayDates(holiday, thisYear);
            return (
              <li key={`${holiday.from}-${holiday.to}-${index}`} class="hours__holiday">
                <span class="hours__holiday-name">{label}</span>
                <HolidayDates holiday={holiday} thisYear={thisYear} />
                <button
                  type="button"
                  class="button button--quiet hours__holiday-remove"
                  aria-label={t('workHours.holidayRemove', { what: `${label}, ${dates}` })}
                  onClick={() => onChange(holidays.filter((_, at) => at !== index))}
                >
                  {t('workHours.holidayRemoveShort')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <div class="hours__add">
        <div class="hours__dates">
          <Field
            type="date"
            label={t('workHours.holidayFrom')}
            value={from}
            onValue={(value) => {
              setFrom(value);
              setProblem(null);
            }}
            invalid={problem === 'day'}
          />
          <Field
            type="date"
            label={t('workHours.holidayTo')}
            hint={t('workHours.holidayToHint')}
            value={to}
            min={from || undefined}
            onValue={(value) => {
              setTo(value);
              setProblem(null);
            }}
            invalid={problem === 'order'}
          />
        </div>
        <Field
          label={t('workHours.holidayName')}
          hint={t('workHours.holidayNameHint')}
          value={name}
          maxLength={80}
          onValue={setName}
        />
        {problem && (
          <p class="hours__problem" role="alert">
            {problem === 'day' ? t('workHours.holidayNeedsDay') : t('workHours.holidayOrder')}
          </p>
        )}
        <div class="section-actions">
          <button type="button" class="button" onClick={add}>
            {t('workHours.holidayAdd')}
          </button>
        </div>
      </div>
    </section>
  );
}

/** A holiday's days, each end kept on one line: «30 декабря – 8 января 2027». */
export function HolidayDates({ holiday, thisYear }: { holiday: THoliday; thisYear: number }) {
  const [from, to] = holidayEnds(holiday, thisYear);
  return (
    <span class="hours__holiday-dates">
      <span class="hours__when">{from}</span>
      {to && (
        <>
          {' – '}
          <span class="hours__when">{to}</span>
        </>
      )}
    </span>
  );
}
