import type { TSessionList } from '@parta/protocol';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/endpoints.js';
import { ErrorNote, SkeletonList } from '../components/ui.js';
import { whenShort } from '../format/time.js';
import { useSubmit } from '../forms/useSubmit.js';
import { t } from '../i18n/index.js';
import { me } from '../state/session.js';

/**
 * «Где выполнен вход»: this device first, then the others, each of which can
 * be ended on its own («Завершить»: a lost phone), or all at once.
 */
export function SessionsCard() {
  const [list, setList] = useState<TSessionList | null>(null);
  const [ended, setEnded] = useState<number | null>(null);
  const { busy, error, run, setError, working } = useSubmit<number>();
  const timeZone = me.value!.school.timeZone;

  function load() {
    api.sessions().then(setList, (failure: unknown) => setError(failure));
  }
  useEffect(load, []);

  async function endOthers() {
    await run(async () => {
      const { count } = await api.logoutOthers();
      setEnded(count);
      load();
    });
  }

  async function endOne(id: number) {
    await run(async () => {
      await api.endSession(id);
      setEnded(1);
      load();
    }, id);
  }

  const others = (list?.sessions ?? []).filter((session) => !session.current).length + (list?.more ?? 0);
  return (
    <section class="card" aria-labelledby="sessions-title">
      <h2 class="card__title" id="sessions-title">
        {t('profile.sessions')}
      </h2>
      {list === null && !error && <SkeletonList rows={2} label={t('profile.sessionsLoading')} />}
      {list && (
        <ul class="sessions">
          {list.sessions.map((session) => {
            const device = session.device || t('profile.deviceUnknown');
            return (
              <li key={session.id} class="sessions__item">
                <div class="sessions__text">
                  <span class="sessions__device">{device}</span>
                  <span class="sessions__when">
                    {session.current
                      ? t('profile.thisDevice')
                      : t('profile.lastSeen', { when: whenShort(session.lastSeenAt, timeZone) })}
                  </span>
                </div>
                {session.policies.end && (
                  <button
                    type="button"
                    class="button button--compact"
                    disabled={busy}
                    aria-busy={working === session.id || undefined}
                    aria-label={t('profile.endSessionOf', { device })}
                    onClick={() => void endOne(session.id)}
                  >
                    {t('profile.endSession')}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {list && list.more > 0 && <p class="form__note">{t('profile.moreSessions', { count: list.more })}</p>}
      <ErrorNote error={error} />
      {ended !== null && (
        <p class="form__note" role="status">
          {t('profile.ended', { count: ended })}
        </p>
      )}
      <button type="button" class="button" onClick={() => void endOthers()} disabled={busy || others === 0}>
        {t('profile.logoutOthers')}
      </button>
    </section>
  );
}
