import { api } from '../api/endpoints.js';
import { PasswordForm } from '../components/PasswordForm.js';
import { rolesPhrase } from '../format/roles.js';
import { language, languages, setLanguage, t } from '../i18n/index.js';
import { me, signOut } from '../state/session.js';
import { SessionsCard } from './SessionsCard.js';

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
        <SessionsCard />
        <button type="button" class="button button--danger button--wide" onClick={() => void signOut()}>
          {t('profile.logout')}
        </button>
      </div>
    </main>
  );
}
