import {
  type TJoinByCodeRequest,
  type TRedeemInviteRequest,
  ZInvitePreview,
  ZRedeemResult,
  ZSchoolPreview,
} from '@parta/protocol';
import { request } from './http.js';

/**
 * The pages a newcomer opens without an account: an invite (`/join/…`) and the
 * school's public page (`/school`). Travels in the join chunk only.
 */
export const joinApi = {
  preview: (token: string) => request('POST', '/api/invites/preview', ZInvitePreview, { token }),
  redeem: (token: string, body: TRedeemInviteRequest) =>
    request('POST', '/api/invites/redeem', ZRedeemResult, { ...body, token }),

  school: (code: string) => request('POST', '/api/schools/preview', ZSchoolPreview, { code }),
  joinByCode: (body: TJoinByCodeRequest) => request('POST', '/api/schools/join', ZRedeemResult, body),
};
