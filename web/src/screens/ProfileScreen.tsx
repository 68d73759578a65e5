import type { TSessionInfo } from '@parta/protocol';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/endpoints.js';
import { PasswordForm } from '../components/PasswordForm.js';
import { ErrorNote, SkeletonList } from '../components/ui.js';
import { rolesPhrase } from '../format/roles.js';
import { whenShort } from '../format/time.js';
import { useSubmit } from '../forms/useSubmit.js';
import { language, languages, setLanguage, t } from '../i18n/index.js';
import { me, signOut } from '../state/session.js';

/** «Профиль»: who I am, the language, my password and my sessions, «Выйти». */
export function ProfileScreen() {
  const person = me.value!;
  return (
    <main class="page" aria-labelledby="profile-title">
      <header class="page__header">
        <h1 class="page__title" id="profile-title">
          {t('profile.title')}
        </h1>
      </header>
      <div class="page__body page__body--narrow">
        <section class="card" aria-label={t('profile.about')}>
          <p class="profile__name">{person.fullName}</p>
          <p class="profile__line">{rolesPhrase(person.roles)}</p>
          <p class="profile__line">{person.school.name}</p>
          <p class="profile__line profile__muted">{t('profile.login', { login: person.login })}</p>
        </section>
        <section class="card" aria-labelledby="language-title">
          <h2 class="card__title" id="language-title">
            {t('profile.language')}
          </h2>
          <div class="segmented" role="radiogroup" aria-labelledby="language-title">
            {languages.map((lng) => (
              <label key={lng} class="segmented__option">
                <input
                  type="radio"
                  name="language"
                  value={lng}
                  checked={language.value === lng}
                  onChange={() => void setLanguage(lng).then(() => api.setLocale(lng))}
                />
                <span lang={lng}>{t(`languages.${lng}`)}</span>
              </label>
            ))}
          </div>
        </section>
        <PasswordForm />
        <Sessions />
        <button type="button" class="button button--danger button--wide" onClick={() => void signOut()}>
          {t('profile.logout')}
        </button>
      </div>
    </main>
  );
}

function Sessions() {
  const [sessions, setSessions] = useState<TSessionInfo[] | null>(null);
  const [ended, setEnded] = useState<number | null>(null);
  const { busy, error, run, setError } = useSubmit();
  const timeZone = me.value!.school.timeZone;

  function load() {
    api.sessions().then(
      (list) => setSessions(list.sessions),
      (failure: unknown) => setError(failure),
    );
  }
  useEffect(load, []);

  async function endOthers() {
    await run(async () => {
      const { count } = await api.logoutOthers();
      setEnded(count);
      load();
    });
  }

  const others = (sessions ?? []).filter((session) => !session.current).length;
  return (
    <section class="card" aria-labelledby="sessions-title">
      <h2 class="card__title" id="sessions-title">
        {t('profile.sessions')}
      </h2>
      {sessions === null && !error && <SkeletonList rows={2} label={t('profile.sessionsLoading')} />}
      {sessions && (
        <ul class="sessions">
          {sessions.map((session) => (
            <li key={session.id} class="sessions__item">
              <span class="sessions__device">{session.device}</span>
              <span class="sessions__when">
                {session.current
                  ? t('profile.thisDevice')
                  : t('profile.lastSeen', { when: whenShort(session.lastSeenAt, timeZone) })}
              </span>
            </li>
          ))}
        </ul>
      )}
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
