import type { TInviteOptions } from '@parta/protocol';
import { invitesApi } from '../../api/invites.js';
import { me } from '../../state/session.js';
import { type Loaded, useLoad } from './useLoad.js';

/**
 * What the reader may invite into, as the server decided (`/api/invites/options`):
 * the roles, the classes, and for whoever invites for the whole school its code
 * and annulling every link at once.
 */
export type InviteScope = TInviteOptions;

export function useInviteScope(): Loaded<InviteScope> {
  return useLoad(invitesApi.options, `invite-scope-${me.value?.id}`);
}
