import type { TJoinRequest } from '@parta/protocol';
import { useEffect, useState } from 'preact/hooks';
import { invitesApi } from '../../api/invites.js';
import { EmptyState, ErrorNote, RetryNote, SkeletonList } from '../../components/ui.js';
import { whenShort } from '../../format/time.js';
import { useSubmit } from '../../forms/useSubmit.js';
import { t } from '../../i18n/index.js';
import { followLink } from '../../router.js';
import { loadPendingJoins, pendingJoins, pendingJoinsError } from '../../state/joins.js';
import { me } from '../../state/session.js';
import { RejectDialog } from './RejectDialog.js';

/**
 * «Заявки»: who asks to join, as whom, for which child and class, through
 * which link, when. Live: a new request appears by itself, one decided
 * elsewhere goes. «Одобрить», «Отклонить» with a reason, or several at once.
 */
export function JoinsScreen() {
  const requests = pendingJoins.value;
  const loadError = pendingJoinsError.value;
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [rejecting, setRejecting] = useState<TJoinRequest | null>(null);
  const { working: busy, error, run } = useSubmit<number | 'many'>();
  const [done, setDone] = useState<string | null>(null);
  const refresh = () => loadPendingJoins(me.peek()!.policies.reviewJoins);

  useEffect(() => {
    void refresh();
  }, []);

  // A request decided elsewhere leaves the selection too.
  const present = new Set((requests ?? []).map((request) => request.id));
  const chosen = [...selected].filter((id) => present.has(id));

  async function approve(ids: number[], name?: string) {
    setDone(null);
    await run(
      async () => {
        if (ids.length === 1) await invitesApi.approve(ids[0]!);
        else await invitesApi.approveMany(ids);
        setDone(
          ids.length === 1 && name
            ? t('joinsQueue.approvedOne', { name })
            : t('joinsQueue.approvedMany', { count: ids.length }),
        );
        setSelected(new Set());
      },
      ids.length === 1 && name ? ids[0]! : 'many',
    );
    await refresh();
  }

  function toggle(id: number, on: boolean) {
    const next = new Set(chosen);
    if (on) next.add(id);
    else next.delete(id);
    setSelected(next);
  }

  const list = requests ?? [];
  // Only what the server says this reviewer may approve is offered (request.policies).
  const approvable = list.filter((request) => request.policies.approve);
  const all = approvable.length > 0 && chosen.length === approvable.length;
  return (
    <main class="page" aria-labelledby="joins-title">
      <header class="page__header">
        <div class="page__heading">
          <h1 class="page__title" id="joins-title">
            {t('joinsQueue.title')}
          </h1>
          <p class="page__subtitle" aria-live="polite">
            {list.length > 0 ? t('joinsQueue.count', { count: list.length }) : me.value!.school.name}
          </p>
        </div>
      </header>
      <div class="page__body">
        {done && (
          <p class="notice" role="status">
            {done}
          </p>
        )}
        <ErrorNote error={error} />
        {requests === null && loadError ? (
          <RetryNote error={loadError} retry={() => void refresh()} />
        ) : requests === null ? (
          <SkeletonList rows={3} label={t('joinsQueue.loading')} />
        ) : list.length === 0 ? (
          <EmptyState title={t('joinsQueue.emptyTitle')} text={t('joinsQueue.emptyText')}>
            <a
              class="button button--primary"
              href="/school/invites"
              onClick={(event) => followLink(event, '/school/invites')}
            >
              {t('joinsQueue.toInvites')}
            </a>
          </EmptyState>
        ) : (
          <>
            {approvable.length > 1 && (
              <div class="joins-bulk">
                <label class="check joins-bulk__all">
                  <input
                    type="checkbox"
                    checked={all}
                    onChange={(event) =>
                      setSelected(
                        new Set(event.currentTarget.checked ? approvable.map((request) => request.id) : []),
                      )
                    }
                  />
                  <span class="check__label">{t('joinsQueue.selectAll')}</span>
                </label>
                {chosen.length > 0 && (
                  <button
                    type="button"
                    class="button button--primary"
                    disabled={busy !== null}
                    onClick={() => void approve(chosen)}
                  >
                    {t('joinsQueue.approveSelected', { count: chosen.length })}
                  </button>
                )}
              </div>
            )}
            <ul class="joins">
              {list.map((request) => (
                <JoinCard
                  key={request.id}
                  request={request}
                  selectable={approvable.length > 1}
                  selected={chosen.includes(request.id)}
                  onSelect={(on) => toggle(request.id, on)}
                  busy={busy !== null}
                  onApprove={() => void approve([request.id], request.applicant.fullName)}
                  onReject={() => setRejecting(request)}
                />
              ))}
            </ul>
          </>
        )}
      </div>
      {rejecting && (
        <RejectDialog
          request={rejecting}
          onDone={() => {
            setDone(t('joinsQueue.rejected', { name: rejecting.applicant.fullName }));
            void refresh();
          }}
          onClose={() => setRejecting(null)}
        />
      )}
    </main>
  );
}

function JoinCard({
  request,
  selectable,
  selected,
  onSelect,
  busy,
  onApprove,
  onReject,
}: {
  request: TJoinRequest;
  selectable: boolean;
  selected: boolean;
  onSelect: (on: boolean) => void;
  busy: boolean;
  onApprove: () => void;
  onReject: () => void;
}) {
  const name = request.applicant.fullName;
  const facts = [t(`roles.${request.role}`)];
  if (request.child) facts.push(t('joinsQueue.child', { name: request.child.fullName }));
  if (request.class) facts.push(request.class.name);
  return (
    <li
      class={`card join-card${selectable ? ' join-card--selectable' : ''}${selected ? ' join-card--selected' : ''}`}
      data-testid="join-request"
    >
      <div class="join-card__head">
        {selectable && request.policies.approve && (
          <input
            type="checkbox"
            class="join-card__check"
            checked={selected}
            onChange={(event) => onSelect(event.currentTarget.checked)}
            aria-label={t('joinsQueue.select', { name })}
          />
        )}
        <div class="join-card__who">
          <p class="join-card__name">{name}</p>
          <p class="join-card__facts">{facts.join(' · ')}</p>
          <p class="join-card__via">
            {request.inviteId ? t('joinsQueue.viaInvite') : t('joinsQueue.viaCode')}
            {' · '}
            <time dateTime={request.createdAt}>
              {whenShort(request.createdAt, me.value!.school.timeZone)}
            </time>
          </p>
        </div>
      </div>
      <div class="join-card__actions">
        {request.policies.approve && (
          <button
            type="button"
            class="button button--primary"
            disabled={busy}
            onClick={onApprove}
            aria-label={t('joinsQueue.approveFor', { name })}
          >
            {t('joinsQueue.approve')}
          </button>
        )}
        {request.policies.reject && (
          <button
            type="button"
            class="button button--danger"
            disabled={busy}
            onClick={onReject}
            aria-label={t('joinsQueue.rejectFor', { name })}
          >
            {t('joinsQueue.reject')}
          </button>
        )}
      </div>
    </li>
  );
}
