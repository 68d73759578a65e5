import type { TInvite } from '@parta/protocol';
import { namesChild } from '@parta/protocol';
import { useEffect, useState } from 'preact/hooks';
import { schoolApi } from '../../api/school.js';
import { PrintIcon } from '../../components/icons.js';
import { BackLink, EmptyState, ErrorNote, Field, SkeletonList } from '../../components/ui.js';
import { calendarDate } from '../../format/time.js';
import { t } from '../../i18n/index.js';
import { followLink } from '../../router.js';
import { me } from '../../state/session.js';
import { type CreatedInvite, justCreated, shortLink } from './invite-state.js';
import { QrCode } from './QrCode.js';

const PER_SHEET = 8;
const MAX_SLIPS = 200;
/** Without a class (teachers, staff): a handful, to change as needed. */
const DEFAULT_SLIPS = 8;

/**
 * «Распечатать для собрания»: one slip per family of the class — the school,
 * the class, the QR code, three steps, and for whoever cannot scan it the
 * page to open and the short code to type there, big (a personal invite, which
 * has no code, prints its link); under them the school's page and code, the
 * way in when the slip's code no longer works — eight to an A4 page with cut
 * lines. What is on screen is what `window.print()` prints.
 */
export function PrintSlipsScreen() {
  const created = justCreated.value;
  const classId = created?.invite.class?.id ?? null;
  const personal = created?.invite.person !== null;
  const [students, setStudents] = useState<number | null>(null);
  const [count, setCount] = useState('');
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!created) return;
    if (classId === null || personal) {
      setCount(String(personal ? 1 : DEFAULT_SLIPS));
      return;
    }
    let alive = true;
    schoolApi.classCard(classId).then(
      (card) => {
        if (!alive) return;
        setStudents(card.counts.students);
        setCount(String(card.counts.students || DEFAULT_SLIPS));
      },
      (failure: unknown) => {
        if (!alive) return;
        setError(failure);
        setCount(String(DEFAULT_SLIPS));
      },
    );
    return () => {
      alive = false;
    };
  }, [created?.url]);

  const slips = Math.min(MAX_SLIPS, Math.max(1, Math.floor(Number(count)) || 1));
  const sheets = Math.ceil(slips / PER_SHEET);
  return (
    <main class="page print-page" aria-labelledby="print-title">
      <header class="page__header page__header--back print-hidden">
        <BackLink to={'/school/invites'} label={t('invites.print.back')} />
        <div class="page__heading">
          <h1 class="page__title" id="print-title">
            {t('invites.print.title')}
          </h1>
          {created && <p class="page__subtitle">{slipTitle(created.invite)}</p>}
        </div>
      </header>
      {!created ? (
        <div class="page__body page__body--narrow">
          <EmptyState title={t('invites.print.goneTitle')} text={t('invites.print.goneText')}>
            <a
              class="button button--primary"
              href="/school/invites"
              onClick={(event) => followLink(event, '/school/invites')}
            >
              {t('invites.print.toInvites')}
            </a>
          </EmptyState>
        </div>
      ) : count === '' ? (
        <div class="page__body">
          <SkeletonList rows={3} label={t('common.loading')} />
        </div>
      ) : (
        <div class="page__body page__body--wide print-body">
          <section class="card print-toolbar print-hidden" aria-label={t('invites.print.title')}>
            <div class="print-toolbar__row">
              <Field
                label={t('invites.print.count')}
                type="number"
                inputMode="numeric"
                min={1}
                max={MAX_SLIPS}
                value={count}
                onValue={setCount}
                class="print-toolbar__count"
              />
              <button
                type="button"
                class="button button--primary button--print"
                onClick={() => window.print()}
              >
                <PrintIcon width="20" height="20" />
                {t('invites.print.print')}
              </button>
            </div>
            <p class="form__note">
              {students !== null && created.invite.class && (
                <>{t('invites.print.students', { count: students, name: created.invite.class.name })} </>
              )}
              {t('invites.print.pages', { count: sheets })}
            </p>
            <ErrorNote error={error} />
          </section>
          <h2 class="section-title print-hidden">{t('invites.print.preview')}</h2>
          <Slips created={created} slips={slips} />
        </div>
      )}
    </main>
  );
}

function slipTitle(invite: TInvite): string {
  if (invite.person) return t('invites.print.slip.personal', { name: invite.person.fullName });
  return invite.class
    ? t(`invites.print.slip.${invite.role}_class`, { name: invite.class.name })
    : t(`invites.print.slip.${invite.role}`);
}

function Slips({ created, slips }: { created: CreatedInvite; slips: number }) {
  const { invite, url, code } = created;
  const school = me.value!.school;
  const title = slipTitle(invite);
  const date = calendarDate(new Date(invite.expiresAt), school.timeZone);
  // A slip with a code says the first step beside the QR code, the others under it.
  const steps = [
    t('invites.print.stepScan'),
    invite.person
      ? t('invites.print.stepPersonal')
      : namesChild(invite.role) && invite.class
        ? t('invites.print.stepParent')
        : t('invites.print.stepOther'),
  ];
  if (!invite.person) {
    steps.push(invite.class ? t('invites.print.stepWaitClass') : t('invites.print.stepWait'));
  }
  const sheets = Array.from({ length: Math.ceil(slips / PER_SHEET) }, (_, sheet) =>
    Math.min(PER_SHEET, slips - sheet * PER_SHEET),
  );
  return (
    <div class="sheets">
      {sheets.map((onSheet, sheet) => (
        <section
          key={sheet}
          class="sheet"
          aria-label={t('invites.print.sheet', { n: sheet + 1, total: sheets.length })}
        >
          {Array.from({ length: onSheet }, (_, index) => (
            <article key={index} class={code ? 'slip slip--code' : 'slip'} data-testid="slip">
              <p class="slip__school">{t('invites.print.slip.lead', { school: school.name })}</p>
              <h3 class="slip__title">{title}</h3>
              {code ? (
                <>
                  <div class="slip__body">
                    <QrCode text={url} label={t('invites.created.qr')} class="slip__qr" />
                    <div class="slip__side">
                      <p class="slip__type">
                        {t('invites.print.typeCode', { page: shortLink(created.codePage) })}
                      </p>
                      <p class="slip__code" data-testid="slip-code">
                        {code}
                      </p>
                    </div>
                  </div>
                  <p class="slip__then">{steps.slice(1).join(' ')}</p>
                  <p class="slip__until">
                    {t('invites.print.codeUntil', { date })}{' '}
                    {t('invites.print.fallback', {
                      page: shortLink(created.schoolPage),
                      code: `${created.schoolCode.slice(0, 4)} ${created.schoolCode.slice(4)}`,
                    })}
                  </p>
                </>
              ) : (
                <>
                  <div class="slip__body">
                    <QrCode text={url} label={t('invites.created.qr')} class="slip__qr" />
                    <ol class="slip__steps">
                      {steps.map((step) => (
                        <li key={step}>{step}</li>
                      ))}
                    </ol>
                  </div>
                  <p class="slip__link" data-testid="slip-link">
                    {shortLink(url)}
                  </p>
                  <p class="slip__until">{t('invites.print.until', { date })}</p>
                </>
              )}
            </article>
          ))}
        </section>
      ))}
    </div>
  );
}
