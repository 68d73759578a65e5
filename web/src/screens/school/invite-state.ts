import type { TCreatedInvite, TInvite } from '@parta/protocol';
import { signal } from '@preact/signals';
import { t } from '../../i18n/index.js';

/**
 * The link itself and the slip's short code: the server keeps only their
 * hashes, so they live here, in memory, until hidden.
 */
export type CreatedInvite = TCreatedInvite;

/**
 * The invite just created, with its link: shown on the invites page and the
 * class card, and printed on the slips. Gone with a reload, like the server said.
 */
export const justCreated = signal<CreatedInvite | null>(null);

export type InviteState = 'active' | 'expired' | 'revoked' | 'exhausted';

export function inviteState(invite: TInvite, now = Date.now()): InviteState {
  if (invite.revoked) return 'revoked';
  if (Date.parse(invite.expiresAt) <= now) return 'expired';
  if (invite.maxUses !== null && invite.uses >= invite.maxUses) return 'exhausted';
  return 'active';
}

/** «Родители 3А», «Учителя». */
export function inviteName(invite: Pick<TInvite, 'role' | 'class'>): string {
  const who = t(`invites.who.${invite.role}`);
  return invite.class ? t('invites.whoClass', { who, name: invite.class.name }) : who;
}

/** «использовано 3 раза», «1 из 1», «ещё не использовано». */
export function inviteUses(invite: TInvite): string {
  if (invite.maxUses !== null) return t('invites.usedOf', { uses: invite.uses, max: invite.maxUses });
  return invite.uses === 0 ? t('invites.unused') : t('invites.usedTimes', { count: invite.uses });
}

/** The link as printed: without `https://`, which nobody types. */
export function shortLink(url: string): string {
  return url.replace(/^https?:\/\//, '');
}
