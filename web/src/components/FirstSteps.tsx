import type { TFirstSteps } from '@parta/protocol';
import { useEffect } from 'preact/hooks';
import { api } from '../api/endpoints.js';
import { useSubmit } from '../forms/useSubmit.js';
import { t } from '../i18n/index.js';
import { followLink } from '../router.js';
import { me, refreshFirstSteps } from '../state/session.js';
import { CheckIcon } from './icons.js';
import { ErrorNote } from './ui.js';

/**
 * «Первые шаги» after the first run: classes → class teachers → invites.
 * On a phone only the next step is open (its text and its button); the
 * others are one line each (styles/pages.css).
 * What is done comes from the server (`me.firstSteps`, read from the
 * school's data); the card is gone once every step is done or it is hidden.
 */
export function FirstSteps() {
  const steps = me.value?.firstSteps ?? null;
  const shown = steps !== null;
  // Fresh on arrival (a class teacher assigned elsewhere); never asked for by those who have none to show.
  useEffect(() => {
    if (shown) void refreshFirstSteps();
  }, [shown]);
  if (!steps) return null;
  return <Checklist steps={steps} />;
}

function Checklist({ steps }: { steps: TFirstSteps }) {
  const { busy, error, run } = useSubmit();
  const items = [
    {
      key: 'classes',
      done: steps.classes > 0,
      title: t('firstSteps.classes'),
      text:
        steps.classes > 0
          ? t('firstSteps.classesDone', { count: steps.classes })
          : t('firstSteps.classesText'),
      href: '/school',
      action: t('firstSteps.classesAction'),
    },
    {
      key: 'teachers',
      done: steps.classes > 0 && steps.classesWithTeacher === steps.classes,
      title: t('firstSteps.teachers'),
      text:
        steps.classes > 0
          ? t('firstSteps.teachersOf', { done: steps.classesWithTeacher, count: steps.classes })
          : t('firstSteps.teachersText'),
      href: '/people',
      action: t('firstSteps.teachersAction'),
    },
    {
      key: 'invites',
      done: steps.invited,
      title: t('firstSteps.invites'),
      text: t('firstSteps.invitesText'),
      href: '/school/invites',
      action: t('firstSteps.invitesAction'),
    },
  ];
  const done = items.filter((item) => item.done).length;
  const next = items.find((item) => !item.done);

  async function hide() {
    await run(async () => {
      await api.hideFirstSteps();
      const current = me.peek();
      if (current) me.value = { ...current, firstSteps: null };
    });
  }

  return (
    <section class="card first-steps" aria-labelledby="first-steps-title">
      <div class="first-steps__head">
        <h2 class="card__title" id="first-steps-title">
          {t('firstSteps.title')}
        </h2>
        <button type="button" class="button button--quiet button--compact" onClick={hide} disabled={busy}>
          {t('firstSteps.hide')}
        </button>
      </div>
      <p class="first-steps__progress">
        {t('firstSteps.progress', { done, count: items.length })}
        <progress max={items.length} value={done} aria-label={t('firstSteps.progressLabel')} />
      </p>
      <ol class="first-steps__list">
        {items.map((item) => (
          <li
            key={item.key}
            class={`first-steps__item${item.done ? ' first-steps__item--done' : ''}${item === next ? ' first-steps__item--next' : ''}`}
          >
            <span class="first-steps__mark" aria-hidden="true">
              {item.done ? <CheckIcon width="16" height="16" /> : null}
            </span>
            <span class="first-steps__body">
              <span class="first-steps__name">
                {item.title}
                {item.done && <span class="visually-hidden"> — {t('firstSteps.done')}</span>}
              </span>
              <span class="first-steps__text">{item.text}</span>
              {item === next && (
                <a
                  class="button button--primary button--compact first-steps__action"
                  href={item.href}
                  onClick={(event) => followLink(event, item.href)}
                >
                  {item.action}
                </a>
              )}
            </span>
          </li>
        ))}
      </ol>
      <ErrorNote error={error} />
    </section>
  );
}
