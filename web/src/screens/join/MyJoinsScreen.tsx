import type { TJoinRequest } from '@parta/protocol';
import { useEffect } from 'preact/hooks';
import { AlertIcon, CheckIcon, ClockIcon } from '../../components/icons.js';
import { EmptyState, RetryNote, SkeletonList } from '../../components/ui.js';
import { whenShort } from '../../format/time.js';
import { t } from '../../i18n/index.js';
import { followLink } from '../../router.js';
import { loadMyJoins, myJoins, myJoinsError } from '../../state/joins.js';
import { me } from '../../state/session.js';

/**
 * The applicant's own requests (`/joins/mine`, and the home page of someone
 * not admitted yet): sent, then — live, without reloading — admitted with a
 * way to the chats, or declined with the reviewer's reason.
 */
export function MyJoinsScreen() {
  const list = myJoins.value;
  const error = myJoinsError.value;
  useEffect(() => {
    void loadMyJoins();
  }, []);

  return (
    <main class="page" aria-labelledby="my-joins-title">
      <header class="page__header">
        <h1 class="page__title" id="my-joins-title">
          {list && list.length > 1 ? t('myJoins.titleMany') : t('myJoins.title')}
        </h1>
      </header>
      <div class="page__body page__body--narrow">
        {list === null && error ? (
          <RetryNote error={error} retry={() => void loadMyJoins()} />
        ) : list === null ? (
          <SkeletonList rows={2} label={t('myJoins.loading')} />
        ) : list.length === 0 ? (
          <EmptyState title={t('myJoins.emptyTitle')} text={t('myJoins.emptyText')}>
            <a
              class="button button--primary"
              href="/school"
              onClick={(event) => followLink(event, '/school')}
            >
              {t('myJoins.toCode')}
            </a>
          </EmptyState>
        ) : (
          <>
            {list.map((request) => (
              <RequestStatus key={request.id} request={request} />
            ))}
            {/* Parta suggested the login from the name: a newcomer may never have looked at it. */}
            <p class="notice notice--plain" data-testid="my-login">
              {t('myJoins.login', { login: me.value!.login })}
            </p>
          </>
        )}
      </div>
    </main>
  );
}

function RequestStatus({ request }: { request: TJoinRequest }) {
  const timeZone = me.value!.school.timeZone;
  const className = request.class?.name ?? null;
  const { status } = request;
  return (
    <section
      class={`card join-status join-status--${status}`}
      aria-labelledby={`join-${request.id}`}
      aria-live="polite"
      data-testid="my-join"
      data-status={status}
    >
      <h2 class="card__title join-status__title" id={`join-${request.id}`}>
        {status === 'pending' ? <ClockIcon /> : status === 'approved' ? <CheckIcon /> : <AlertIcon />}
        {t(`myJoins.${status}Title`)}
      </h2>
      {status === 'pending' && (
        <p>{className ? t('myJoins.pendingClass', { name: className }) : t('myJoins.pendingSchool')}</p>
      )}
      {status === 'approved' && <p>{t('myJoins.approvedText')}</p>}
      {status === 'rejected' && (
        <>
          {request.reason && (
            <p class="join-status__reason">{t('myJoins.reason', { reason: request.reason })}</p>
          )}
          <p class="form__note">{t('myJoins.rejectedNext')}</p>
        </>
      )}
      <dl class="join-status__facts">
        <div>
          <dt>{t('myJoins.role')}</dt>
          <dd>{t(`roles.${request.role}`)}</dd>
        </div>
        {request.child && (
          <div>
            <dt>{t('myJoins.child')}</dt>
            <dd>{request.child.fullName}</dd>
          </div>
        )}
        {className && (
          <div>
            <dt>{t('myJoins.class')}</dt>
            <dd>{className}</dd>
          </div>
        )}
        <div>
          <dt>{t('myJoins.sent')}</dt>
          <dd>{whenShort(request.createdAt, timeZone)}</dd>
        </div>
        {request.decidedAt && (
          <div>
            <dt>{t('myJoins.decided')}</dt>
            <dd>{whenShort(request.decidedAt, timeZone)}</dd>
          </div>
        )}
      </dl>
      {status === 'approved' && (
        <a class="button button--primary button--large" href="/" onClick={(event) => followLink(event, '/')}>
          {t('myJoins.toChats')}
        </a>
      )}
    </section>
  );
}
