import {
  type TJoinByCodeRequest,
  type TRedeemInviteRequest,
  ZInvitePreview,
  ZRedeemResult,
  ZSchoolPreview,
} from '@parta/protocol';
import { ApiError, request } from './http.js';

declare global {
  interface Window {
    /** POST /api/invites/preview, sent by index.html as an invite link's page arrived */
    partaEarlyInvite?: { token: string; answer: Promise<Response | Error> };
  }
}

/** The preview index.html asked for, once, if it is for this invite. */
function takeEarlyPreview(token: string): Promise<Response | Error> | undefined {
  const early = window.partaEarlyInvite;
  window.partaEarlyInvite = undefined;
  return early?.token === token ? early.answer : undefined;
}

/**
 * What the invite is for: the answer index.html already asked for when there
 * is one — unless a session was open, which index.html could not know: then
 * the server refused it for want of the CSRF token, and it is asked again.
 */
async function preview(token: string) {
  const sent = takeEarlyPreview(token);
  if (sent) {
    try {
      return await request('POST', '/api/invites/preview', ZInvitePreview, { token }, sent);
    } catch (error) {
      if (!(error instanceof ApiError && error.code === 'auth.csrf_failed')) throw error;
    }
  }
  return request('POST', '/api/invites/preview', ZInvitePreview, { token });
}

/**
 * The pages a newcomer opens without an account: an invite (`/join/…`) and the
 * school's public page (`/school`). Travels in the join chunk only.
 */
export const joinApi = {
  preview,
  redeem: (token: string, body: TRedeemInviteRequest) =>
    request('POST', '/api/invites/redeem', ZRedeemResult, { ...body, token }),

  school: (code: string) => request('POST', '/api/schools/preview', ZSchoolPreview, { code }),
  joinByCode: (body: TJoinByCodeRequest) => request('POST', '/api/schools/join', ZRedeemResult, body),
};
