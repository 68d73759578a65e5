import type { TInvitePreview, TMe, TRedeemInviteRequest } from '@parta/protocol';
import { namesChild } from '@parta/protocol';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/endpoints.js';
import { ApiError } from '../../api/http.js';
import { joinApi } from '../../api/join.js';
import { AlertIcon, CheckIcon } from '../../components/icons.js';
import { RetryNote, SkeletonList, SupportCode } from '../../components/ui.js';
import { t } from '../../i18n/index.js';
import { followLink, navigate } from '../../router.js';
import { me, phase, reloadMe, signIn, start } from '../../state/session.js';
import { JoinForm } from './JoinForm.js';
import { JoinPage } from './JoinPage.js';

/** «Родители 3А класса», «Учителя школы». */
export function inviteTitle(role: TInvitePreview['role'], className: string | null): string {
  return className ? t(`join.title.${role}_class`, { name: className }) : t(`join.title.${role}`);
}

/** A preview the slip-code page just read, so the invite page does not ask again. */
let handedOver: { token: string; preview: TInvitePreview } | null = null;

export function handOverPreview(token: string, preview: TInvitePreview): void {
  handedOver = { token, preview };
}

function takePreview(token: string): TInvitePreview | null {
  const preview = handedOver?.token === token ? handedOver.preview : null;
  handedOver = null;
  return preview;
}

/**
 * `/join/<token>`: the page a parent opens from the QR code on a slip (or
 * with the slip's code typed: `/join`, `/j/<code>`). The
 * school and the class on top, then one form: the child, the account, the
 * rules. A personal invite asks only for a password.
 */
export function JoinScreen({ token }: { token: string }) {
  const [preview, setPreview] = useState<TInvitePreview | null>(() => takePreview(token));
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const [admitted, setAdmitted] = useState<TMe | null>(null);

  useEffect(() => {
    if (preview && attempt === 0) return;
    let alive = true;
    setError(null);
    joinApi.preview(token).then(
      (value) => alive && setPreview(value),
      (failure: unknown) => alive && setError(failure),
    );
    return () => {
      alive = false;
    };
  }, [token, attempt]);

  async function send(body: TRedeemInviteRequest) {
    const signedIn = phase.peek() === 'signed-in';
    const result = await joinApi.redeem(token, body);
    if (!signedIn) {
      // Registered (or the password set): the server has logged the reader in.
      try {
        signIn(await api.me());
      } catch {
        await start();
      }
    }
    if (result.outcome === 'member') {
      if (signedIn) await reloadMe();
      setAdmitted(me.peek());
      return;
    }
    navigate('/joins/mine', { replace: true });
  }

  if (admitted) {
    return (
      <JoinPage school={admitted.school.name} title={t('join.doneTitle')}>
        <div class="join__done" role="status">
          <CheckIcon class="join__done-icon" width="32" height="32" />
          <p>{t('join.doneText', { login: admitted.login })}</p>
        </div>
        <a
          class="button button--primary button--wide button--large"
          href="/"
          onClick={(event) => followLink(event, '/')}
        >
          {t('join.toChats')}
        </a>
      </JoinPage>
    );
  }

  if (!preview && error) {
    return <InviteProblem error={error} retry={() => setAttempt(attempt + 1)} />;
  }

  if (!preview) {
    return (
      <JoinPage title={t('join.loading')}>
        <SkeletonList rows={4} label={t('join.loading')} />
      </JoinPage>
    );
  }

  const askChild = namesChild(preview.role) && preview.className !== null && !preview.personal;
  return (
    <JoinPage
      school={preview.school}
      title={inviteTitle(preview.role, preview.className)}
      lead={preview.personal ? t('join.lead.personal') : t(`join.lead.${preview.role}`)}
      addressee={
        preview.personal && preview.personName ? t('join.addressee', { name: preview.personName }) : null
      }
    >
      <JoinForm
        role={preview.role}
        personal={preview.personal}
        childOptions={askChild ? preview.children : null}
        reviewNote={
          preview.className ? t('join.reviewClass', { name: preview.className }) : t('join.reviewSchool')
        }
        returnPath={`/join/${token}`}
        send={send}
      />
    </JoinPage>
  );
}

const inviteProblems = ['revoked', 'expired', 'exhausted', 'invalid', 'code_invalid', 'rate_limited'];

/**
 * The link does not work: what happened, in the server's words (cancelled,
 * expired, used up, not a link at all), and what to do next.
 */
function InviteProblem({ error, retry }: { error: unknown; retry: () => void }) {
  const code = error instanceof ApiError ? error.code : 'network';
  const kind = code.startsWith('invites.') ? code.slice('invites.'.length) : '';
  if (!inviteProblems.includes(kind)) {
    return (
      <JoinPage title={t('join.errorTitle.other')}>
        <RetryNote error={error} retry={retry} />
      </JoinPage>
    );
  }
  const signedIn = phase.value === 'signed-in';
  return (
    <JoinPage title={t(`join.errorTitle.${kind}`)}>
      <div class="join__problem-card" role="alert" data-testid="invite-problem">
        <AlertIcon class="join__problem-icon" />
        <div>
          <p>{(error as ApiError).message}</p>
          <SupportCode code={code} />
        </div>
      </div>
      {kind === 'code_invalid' && (
        <a
          class="button button--primary button--wide button--large"
          href="/join"
          onClick={(event) => followLink(event, '/join')}
        >
          {t('join.retypeCode')}
        </a>
      )}
      {kind !== 'rate_limited' && (
        <section class="join__next" aria-labelledby="next-title">
          <h2 class="join__legend" id="next-title">
            {t('join.whatNow')}
          </h2>
          <ul class="rules__list">
            <li>{t('join.askTeacher')}</li>
            <li>{t('join.useCode')}</li>
          </ul>
          <a
            class="button button--wide button--large"
            href="/school"
            onClick={(event) => followLink(event, '/school')}
          >
            {t('join.toCode')}
          </a>
        </section>
      )}
      {signedIn && (
        <a class="button button--quiet button--wide" href="/" onClick={(event) => followLink(event, '/')}>
          {t('join.toChats')}
        </a>
      )}
    </JoinPage>
  );
}
