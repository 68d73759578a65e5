import {
  type InviteRole,
  type TCreateInviteRequest,
  ZCount,
  ZCreatedInvite,
  ZInviteCandidates,
  ZInviteList,
  ZInviteOptions,
  ZOk,
} from '@parta/protocol';
import { request } from './http.js';

/**
 * Invites and the review of requests to join (server/src/domains/invites and
 * joins): the admin's and the class teacher's, in the lazily loaded admin chunk.
 */
export const invitesApi = {
  list: () => request('GET', '/api/invites', ZInviteList),
  /** the roles, classes and school code the reader may invite into */
  options: () => request('GET', '/api/invites/options', ZInviteOptions),
  /** whom a personal invite of this role (and class) may be for */
  candidates: (role: InviteRole, classId: number | null) =>
    request(
      'GET',
      `/api/invites/candidates?role=${role}${classId === null ? '' : `&classId=${classId}`}`,
      ZInviteCandidates,
    ),
  create: (body: TCreateInviteRequest) => request('POST', '/api/invites', ZCreatedInvite, body),
  revoke: (id: number) => request('POST', `/api/invites/${id}/revoke`, ZOk),
  /** every unused link of a class, or of the whole school without `classId` */
  annul: (classId?: number) => request('POST', '/api/invites/annul', ZCount, classId ? { classId } : {}),

  approve: (id: number) => request('POST', `/api/joins/${id}/approve`, ZOk),
  approveMany: (ids: number[]) => request('POST', '/api/joins/approve', ZCount, { ids }),
  reject: (id: number, reason: string) => request('POST', `/api/joins/${id}/reject`, ZOk, { reason }),
};
