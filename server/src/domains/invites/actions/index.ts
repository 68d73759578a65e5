export { annulInvites } from './annulInvites.js';
export { createInvite } from './createInvite.js';
export { redeemInvite } from './redeemInvite.js';
export { revokeInvite } from './revokeInvite.js';
