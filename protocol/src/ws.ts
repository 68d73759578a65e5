import { z } from 'zod/mini';
import { ZEvent } from './events.js';

/** Frames the browser sends on /api/ws. */
export const ZClientFrame = z.discriminatedUnion('type', [
  /** first frame: resume after `cursor` (null: only live events from now) */
  z.strictObject({ type: z.literal('hello'), cursor: z.nullable(z.int().check(z.nonnegative())) }),
  z.strictObject({ type: z.literal('ping') }),
  /** the person is typing in a chat; send at most every TYPING_INTERVAL_MS while they type */
  z.strictObject({
    type: z.literal('typing'),
    chatId: z.number().check(z.int(), z.positive(), z.lte(2 ** 31 - 1)),
  }),
]);
export type TClientFrame = z.infer<typeof ZClientFrame>;

/** Frames the server sends on /api/ws. */
export const ZServerFrame = z.discriminatedUnion('type', [
  z.object({ type: z.literal('event'), event: ZEvent }),
  /** every missed event has been replayed; what follows is live */
  z.object({ type: z.literal('ready'), cursor: z.int().check(z.nonnegative()) }),
  /** the cursor is older than the server keeps: reload state over HTTP, then reconnect */
  z.object({ type: z.literal('resync') }),
  z.object({ type: z.literal('pong') }),
  /** someone else is typing: show it for TYPING_SHOW_MS unless repeated (never stored, never replayed) */
  z.object({
    type: z.literal('typing'),
    chatId: z.int(),
    userId: z.int(),
    fullName: z.string(),
  }),
]);
export type TServerFrame = z.infer<typeof ZServerFrame>;

export const TYPING_INTERVAL_MS = 3000;
export const TYPING_SHOW_MS = 6000;
/** a new socket must send `hello` within this long, or it is closed */
export const HELLO_TIMEOUT_MS = 10_000;

/** Close codes of /api/ws (4000–4999 are the application's range). */
export const wsCloseCodes = {
  /** no valid session: log in again */
  unauthenticated: 4401,
  /** the page's origin is not this server's */
  badOrigin: 4403,
  /** a frame that is not JSON or not a known frame */
  badFrame: 4400,
  /** the client did not read fast enough; reconnect and resume from the cursor */
  slowConsumer: 4008,
  /** the session was ended (logout elsewhere) */
  sessionEnded: 4001,
  /** no `hello` within HELLO_TIMEOUT_MS of opening; reconnect */
  helloTimeout: 4408,
  /** the account opened more sockets than the server allows; this, its oldest, was closed */
  tooManySockets: 4409,
  /** more frames than the server allows a socket; reconnect */
  tooManyFrames: 4429,
  /** the server is shutting down; reconnect */
  goingAway: 1001,
} as const;
