import type { TInvite } from '@parta/protocol';
import type { ComponentChildren } from 'preact';
import { useId, useState } from 'preact/hooks';
import { invitesApi } from '../../api/invites.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { PlusIcon } from '../../components/icons.js';
import { BackLink, EmptyState, ErrorNote, SkeletonList } from '../../components/ui.js';
import { calendarDate } from '../../format/time.js';
import { t } from '../../i18n/index.js';
import { me } from '../../state/session.js';
import { AnnulDialog } from './AnnulDialog.js';
import { CreatedInviteCard } from './CreatedInviteCard.js';
import { CreateInviteDialog } from './CreateInviteDialog.js';
import { useInviteScope } from './InviteScope.js';
import { inviteName, inviteState, inviteUses, justCreated } from './invite-state.js';
import { SchoolCodeCard } from './SchoolCodeCard.js';
import { SchoolPage } from './SchoolPage.js';
import { useLoad } from './useLoad.js';

type Open = { kind: 'create' } | { kind: 'revoke'; invite: TInvite } | { kind: 'annul' } | null;

/**
 * «Приглашения»: the links of the school (the admin) or of one's classes (a
 * class teacher) — who they are for, how often used, until when, whether
 * they still work; a new one, cancelling one, or all unused ones at once.
 */
export function InvitesScreen() {
  const scope = useInviteScope();
  const list = useLoad(invitesApi.list, 'invites');
  const [open, setOpen] = useState<Open>(null);
  const [filter, setFilter] = useState<number | null>(null);
  const filterId = useId();
  const close = () => setOpen(null);
  const created = justCreated.value;

  const invites = list.data?.invites ?? null;
  const now = Date.now();
  const shown = (invites ?? []).filter((invite) => filter === null || invite.class?.id === filter);
  const active = shown.filter((invite) => inviteState(invite, now) === 'active');
  const inactive = shown.filter((invite) => inviteState(invite, now) !== 'active');
  const unusedActive = (invites ?? []).some(
    (invite) => inviteState(invite, now) === 'active' && invite.uses === 0,
  );
  const onlyClass = scope.data && scope.data.classes.length === 1 ? scope.data.classes[0]! : null;
  const createLabel =
    scope.data && !scope.data.wholeSchool && onlyClass
      ? t('invites.inviteParents', { name: onlyClass.name })
      : t('invites.create');
  const create =
    scope.data && (scope.data.wholeSchool || scope.data.classes.length > 0)
      ? () => setOpen({ kind: 'create' })
      : null;

  const action = create && (
    <button
      type="button"
      class="button button--primary button--compact button--icon-on-phone"
      onClick={create}
      aria-label={createLabel}
    >
      <PlusIcon width="20" height="20" />
      <span class="button__label">{createLabel}</span>
    </button>
  );
  const error = scope.error ?? list.error;

  return (
    <InvitesPage wholeSchool={scope.data?.wholeSchool ?? null} action={action}>
      {scope.data?.joinCode && <SchoolCodeCard code={scope.data.joinCode} />}
      {created && <CreatedInviteCard created={created} />}
      {error ? (
        <ErrorNote error={error}>
          <button
            type="button"
            class="button"
            onClick={() => {
              scope.reload();
              list.reload();
            }}
          >
            {t('common.retry')}
          </button>
        </ErrorNote>
      ) : invites === null || scope.data === null ? (
        <SkeletonList label={t('invites.loading')} />
      ) : invites.length === 0 ? (
        <EmptyState title={t('invites.emptyTitle')} text={t('invites.emptyText')}>
          {create && (
            <button type="button" class="button button--primary" onClick={create}>
              {createLabel}
            </button>
          )}
        </EmptyState>
      ) : (
        <>
          {scope.data.classes.length > 1 && (
            <div class="field invites-filter">
              <label for={filterId}>{t('invites.form.class')}</label>
              <select
                id={filterId}
                value={filter ?? ''}
                onChange={(event) =>
                  setFilter(event.currentTarget.value ? Number(event.currentTarget.value) : null)
                }
              >
                <option value="">{t('invites.allClasses')}</option>
                {scope.data.classes.map((item) => (
                  <option key={item.id} value={item.id}>
                    {item.name}
                  </option>
                ))}
              </select>
            </div>
          )}
          <InviteList
            id="active"
            title={t('invites.active')}
            invites={active}
            onRevoke={(invite) => setOpen({ kind: 'revoke', invite })}
          />
          {inactive.length > 0 && (
            <details class="invites-old">
              <summary class="section-title">
                {t('invites.inactive')} <span class="card__count">{inactive.length}</span>
              </summary>
              <InviteList id="inactive" invites={inactive} />
            </details>
          )}
          {unusedActive && (
            <div class="section-actions">
              <button type="button" class="button button--danger" onClick={() => setOpen({ kind: 'annul' })}>
                {t('invites.annul')}
              </button>
            </div>
          )}
        </>
      )}
      {open?.kind === 'create' && scope.data && (
        <CreateInviteDialog
          scope={scope.data}
          classId={!scope.data.wholeSchool && onlyClass ? onlyClass.id : undefined}
          onCreated={list.reload}
          onClose={close}
        />
      )}
      {open?.kind === 'revoke' && (
        <ConfirmDialog
          title={t('invites.revokeTitle')}
          text={t('invites.revokeText', { name: inviteName(open.invite) })}
          confirmLabel={t('invites.revokeConfirm')}
          danger
          act={() => invitesApi.revoke(open.invite.id)}
          onDone={list.reload}
          onClose={close}
        />
      )}
      {open?.kind === 'annul' && scope.data && (
        <AnnulDialog scope={scope.data} onDone={list.reload} onClose={close} />
      )}
    </InvitesPage>
  );
}

/** The admin's tab of «Школа», or a class teacher's own page with a way back to «Мой класс». */
function InvitesPage({
  wholeSchool,
  action,
  children,
}: {
  /** the school's invites: a tab of «Школа»; a class teacher's are a page of their own */
  wholeSchool: boolean | null;
  action: ComponentChildren;
  children: ComponentChildren;
}) {
  if (wholeSchool) {
    return (
      <SchoolPage tab="invites" title={t('invites.title')} action={action}>
        {children}
      </SchoolPage>
    );
  }
  return (
    <main class="page" aria-labelledby="invites-title">
      <header class="page__header page__header--back">
        <BackLink to={'/school'} label={t('invites.back')} />
        <div class="page__heading">
          <h1 class="page__title" id="invites-title">
            {t('invites.title')}
          </h1>
          <p class="page__subtitle">{me.value!.school.name}</p>
        </div>
        {action}
      </header>
      <div class="page__body">{children}</div>
    </main>
  );
}

function InviteList({
  id,
  title,
  invites,
  onRevoke,
}: {
  id: string;
  title?: string;
  invites: TInvite[];
  onRevoke?: (invite: TInvite) => void;
}) {
  const timeZone = me.value!.school.timeZone;
  const now = Date.now();
  return (
    <section aria-labelledby={title ? `invites-${id}` : undefined}>
      {title && (
        <h2 class="section-title" id={`invites-${id}`}>
          {title} <span class="card__count">{invites.length}</span>
        </h2>
      )}
      {invites.length === 0 ? (
        <p class="form__note">{t('invites.noneActive')}</p>
      ) : (
        <ul class="invites card">
          {invites.map((invite) => {
            const state = inviteState(invite, now);
            const name = inviteName(invite);
            return (
              <li key={invite.id} class="invite-row" data-testid="invite-row">
                <div class="invite-row__main">
                  <span class="invite-row__name">
                    {name}
                    <span class={`tag tag--${state}`}>{t(`invites.state.${state}`)}</span>
                  </span>
                  <span class="invite-row__facts">
                    {[
                      invite.person && t('invites.personal', { name: invite.person.fullName }),
                      invite.chat && t('invites.chat', { title: invite.chat.title }),
                      inviteUses(invite),
                      t('invites.until', { date: calendarDate(new Date(invite.expiresAt), timeZone) }),
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </span>
                </div>
                {onRevoke && invite.policies.revoke && state === 'active' && (
                  <button
                    type="button"
                    class="button button--small button--quiet invite-row__revoke"
                    onClick={() => onRevoke(invite)}
                    aria-label={t('invites.revokeFor', { name })}
                  >
                    {t('invites.revoke')}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
