import { schoolApi } from '../../api/school.js';
import { RetryNote, SkeletonList } from '../../components/ui.js';
import { calendarDate } from '../../format/time.js';
import { t } from '../../i18n/index.js';
import { useLoad } from './useLoad.js';

/**
 * «За последнюю неделю», for the administration: per class chat, how many
 * messages waited for the morning, went urgently, were scheduled. A card a
 * chat with its three numbers: it reads the same on a phone and a desk.
 */
export function HoursReport({ timeZone }: { timeZone: string }) {
  const { data, error, reload } = useLoad(schoolApi.hoursReport, 'hours-report');
  const counts = [
    ['held', t('workHours.report.held')],
    ['urgent', t('workHours.report.urgent')],
    ['scheduled', t('workHours.report.scheduled')],
  ] as const;
  return (
    <section class="card hours-report" aria-labelledby="hours-report-title">
      <div>
        <h2 class="card__title" id="hours-report-title">
          {t('workHours.report.title')}
        </h2>
        {data && (
          <p class="form__note">
            {t('workHours.report.period', {
              from: calendarDate(new Date(data.from), timeZone, new Date(data.to)),
              to: calendarDate(new Date(data.to), timeZone, new Date(data.to)),
            })}
            {' · '}
            {t('workHours.report.explain')}
          </p>
        )}
      </div>
      {error ? (
        <RetryNote error={error} retry={reload} />
      ) : data === null ? (
        <SkeletonList rows={2} label={t('workHours.report.loading')} />
      ) : data.chats.length === 0 ? (
        <p class="form__note">{t('workHours.report.empty')}</p>
      ) : (
        <ul class="hours-report__list">
          {data.chats.map((chat) => (
            <li key={chat.chatId} class="hours-report__chat" data-testid="hours-report-chat">
              <h3 class="hours-report__title">{chat.title}</h3>
              <dl class="hours-report__counts">
                {counts.map(([key, label]) => (
                  <div
                    key={key}
                    class={`hours-report__count${chat[key] > 0 ? ' hours-report__count--some' : ''}`}
                  >
                    <dt>{label}</dt>
                    <dd>{chat[key]}</dd>
                  </div>
                ))}
              </dl>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
