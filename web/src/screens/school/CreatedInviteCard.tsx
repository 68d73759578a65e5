import { useEffect, useRef, useState } from 'preact/hooks';
import { CheckIcon, PrintIcon, ShareIcon } from '../../components/icons.js';
import { copyText } from '../../components/LinkCard.js';
import { calendarDate } from '../../format/time.js';
import { t } from '../../i18n/index.js';
import { followLink } from '../../router.js';
import { me } from '../../state/session.js';
import { type CreatedInvite, inviteName, justCreated, shortLink } from './invite-state.js';
import { QrCode } from './QrCode.js';

/**
 * The link right after it was made — the only time anyone sees it: copy it,
 * show the QR code, or print slips for the parents' meeting.
 */
export function CreatedInviteCard({ created }: { created: CreatedInvite }) {
  const [copied, setCopied] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  const card = useRef<HTMLElement>(null);
  const { invite, url, code } = created;

  useEffect(() => {
    card.current?.scrollIntoView({ block: 'nearest' });
    card.current?.focus({ preventScroll: true });
  }, [url]);

  const name = invite.person ? `${inviteName(invite)} · ${invite.person.fullName}` : inviteName(invite);
  return (
    <section
      class="card card--success created-invite"
      aria-labelledby="created-invite-title"
      ref={card}
      tabIndex={-1}
      data-testid="created-invite"
    >
      <h2 class="card__title" id="created-invite-title">
        <CheckIcon />
        {t('invites.created.title', { name })}
      </h2>
      <p class="notice notice--warn">{t('invites.created.onlyNow')}</p>
      <div class="created-invite__body">
        <QrCode text={url} label={t('invites.created.qr')} class="created-invite__qr" />
        <div class="created-invite__side">
          <div class="copy">
            <label class="visually-hidden" for="invite-link">
              {t('invites.created.link')}
            </label>
            <input
              id="invite-link"
              class="copy__field"
              readOnly
              value={url}
              ref={field}
              onFocus={(event) => event.currentTarget.select()}
            />
            <button
              type="button"
              class="button"
              onClick={async () => setCopied(await copyText(url, field.current))}
            >
              {copied ? t('invites.created.copied') : t('invites.created.copy')}
            </button>
          </div>
          {code && (
            <div class="created-invite__code">
              <p class="created-invite__code-label">{t('invites.created.code')}</p>
              <p class="created-invite__code-value" data-testid="created-code">
                {code}
              </p>
              <p class="form__note">{t('invites.created.codeNote', { page: shortLink(created.codePage) })}</p>
            </div>
          )}
          <p class="form__note">
            {t('invites.created.until', {
              date: calendarDate(new Date(invite.expiresAt), me.value!.school.timeZone),
            })}{' '}
            {t('invites.created.share')}
          </p>
          <div class="section-actions">
            {canShare() && (
              <button
                type="button"
                class="button"
                onClick={() => void share(created, name)}
                data-testid="share-invite"
              >
                <ShareIcon width="20" height="20" />
                {t('invites.created.shareButton')}
              </button>
            )}
            <a
              class="button button--primary"
              href="/school/invites/print"
              onClick={(event) => followLink(event, '/school/invites/print')}
            >
              <PrintIcon width="20" height="20" />
              {t('invites.created.print')}
            </a>
            <button
              type="button"
              class="button button--quiet"
              onClick={() => {
                justCreated.value = null;
              }}
            >
              {t('invites.created.hide')}
            </button>
          </div>
        </div>
      </div>
    </section>
  );
}

/** Phones (and some desktops) offer the system's share sheet: WhatsApp, Telegram, SMS. */
function canShare(): boolean {
  return typeof navigator.share === 'function';
}

async function share(created: CreatedInvite, name: string): Promise<void> {
  const text = created.code
    ? t('invites.created.shareText', { name, page: shortLink(created.codePage), code: created.code })
    : name;
  try {
    await navigator.share({ title: name, text, url: created.url });
  } catch {
    // closed without sharing: nothing to say
  }
}
