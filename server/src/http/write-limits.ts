import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.js';
import type { Actor } from '../infra/actor.js';
import { AppError } from '../infra/errors.js';
import { type BucketLimit, MemoryTokenBuckets, type TokenBuckets } from '../infra/token-bucket.js';
import type { App, AppDeps } from './types.js';

/** The kinds of writes (and searches) limited per account; a route names its kind in `config.limit`. */
export const limitKinds = {
  /** posting and forwarding messages */
  posts: 'limitPosts',
  /** editing, deleting and pinning messages */
  edits: 'limitEdits',
  reactions: 'limitReactions',
  /** creating group chats, opening direct chats, adding members */
  chats: 'limitChats',
  searches: 'limitSearches',
} as const satisfies Record<string, keyof Config>;

export type LimitKind = keyof typeof limitKinds;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** the per-account token bucket this route takes from (DESIGN §3.10) */
    limit?: LimitKind;
  }
}

/** Buckets of one kind, shared by the nodes through Redis when it is configured. */
export type BucketsFactory = (kind: LimitKind, limit: BucketLimit) => TokenBuckets;

/**
 * Each limited route takes a token from the account's bucket of its kind
 * after its input was validated (bad input costs nothing) and before it does
 * any work; an empty bucket answers `429 rate.limited` with `Retry-After`.
 * A limit set to 0 installs nothing on its routes.
 */
export function installWriteLimits(app: App, deps: AppDeps): void {
  const bucketsFor: BucketsFactory =
    deps.bucketsFor ?? ((_kind, limit) => new MemoryTokenBuckets(deps.clock, limit));
  const buckets = new Map<LimitKind, TokenBuckets>();
  for (const [kind, setting] of Object.entries(limitKinds) as [LimitKind, keyof Config][]) {
    const limit = deps.config[setting] as BucketLimit | null;
    if (limit) buckets.set(kind, bucketsFor(kind, limit));
  }
  app.addHook('onRoute', (route) => {
    const kind = route.config?.limit;
    const bucket = kind ? buckets.get(kind) : undefined;
    if (!bucket) return;
    const takeToken = async (request: { actor: Actor; log: FastifyBaseLogger }) => {
      if (request.actor.kind !== 'person') return;
      // Redis unreachable: the write goes through unlimited rather than failing (the log says so).
      const answer = await bucket.take(String(request.actor.userId)).catch((error: Error) => {
        request.log.warn({ err: error.message }, 'rate limit unavailable');
        return { ok: true } as const;
      });
      if (!answer.ok) {
        throw new AppError('rate.limited', { seconds: Math.max(1, Math.ceil(answer.retryAfterMs / 1000)) });
      }
    };
    const existing = route.preHandler;
    route.preHandler = [
      takeToken,
      ...(existing === undefined ? [] : Array.isArray(existing) ? existing : [existing]),
    ];
  });
}
