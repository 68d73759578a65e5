import type { Locale, TFirstSteps, TMePolicies } from '@parta/protocol';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Database, Queryable } from '../db/client.js';
import type { SessionRow } from '../domains/auth/queries.js';
import type { ActionRunner } from '../infra/actions.js';
import type { Actor, Person } from '../infra/actor.js';
import type { Bus } from '../infra/bus.js';
import type { Clock } from '../infra/clock.js';
import type { FailureCounter, loginLimits } from '../infra/rate-limit.js';
import type { Storage } from '../infra/storage.js';
import type { PolicyName } from '../policies.js';
import type { BucketsFactory } from './write-limits.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    session: SessionRow | null;
    locale: Locale;
  }
  interface FastifyContextConfig {
    /** the rule that gates this route (DESIGN §3.3); every /api route names one */
    policy?: PolicyName;
  }
}

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** What the server is built from; tests build it with their own clock and database. */
export interface AppDeps {
  config: Config;
  database: Database;
  bus: Bus;
  clock: Clock;
  logger: Logger;
  failures: FailureCounter;
  /** failed logins allowed per account and per address (default `loginLimits`); tests lower them */
  loginLimits?: typeof loginLimits;
  /** WebSocket heartbeat; tests shorten it */
  heartbeatMs?: number;
  /** unsent bytes after which a WebSocket client counts as too slow */
  wsMaxBufferedBytes?: number;
  /** how often the job runner looks for due jobs; null: never by itself (tests call `jobs.runDue()`) */
  jobPollMs?: number | null;
  /** per-account limits shared through Redis; in this node's memory when absent */
  bucketsFor?: BucketsFactory;
}

export interface RouteDeps extends AppDeps {
  /** file bytes (infra/storage.ts): the data directory's `files/` */
  storage: Storage;
  actions: ActionRunner;
  /** what a person may do, every domain's abilities composed (me-policies.ts): for answers carrying `me` */
  mePolicies: (person: Person) => TMePolicies;
  /** «Первые шаги» for whoever builds the school (org/first-steps.ts): for answers carrying `me` */
  meFirstSteps: (db: Queryable, person: Person) => Promise<TFirstSteps | null>;
}
