import cookie from '@fastify/cookie';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { authRoutes } from './domains/auth/routes.js';
import { chatRoutes } from './domains/chats/routes.js';
import { fileRoutes } from './domains/files/routes.js';
import { hoursRoutes } from './domains/hours/routes.js';
import { inviteRoutes } from './domains/invites/routes.js';
import { publicJoinRoutes } from './domains/joins/public-routes.js';
import { joinRoutes } from './domains/joins/routes.js';
import { messageRoutes } from './domains/messages/routes.js';
import { firstSteps } from './domains/org/first-steps.js';
import { classRoutes } from './domains/org/routes/classes.js';
import { peopleRoutes } from './domains/org/routes/people.js';
import { setupRoutes } from './domains/org/routes/setup.js';
import { searchRoutes } from './domains/search/routes.js';
import { WriteHealth } from './http/database-faults.js';
import { installStrictEncoding } from './http/encoding.js';
import { installErrorHandling } from './http/errors.js';
import { installHostCheck } from './http/host-check.js';
import { installOperations } from './http/operations.js';
import { type GatedRoute, installPolicyGate } from './http/policy-gate.js';
import { PartaLogController } from './http/request-log.js';
import { installSecurityHeaders } from './http/security-headers.js';
import { installSessions } from './http/session.js';
import { mayChangeSessions, SessionCache } from './http/session-cache.js';
import type { App, AppDeps, RouteDeps } from './http/types.js';
import { defaultWebDir, inlineSources, installWeb } from './http/web.js';
import { installWriteLimits } from './http/write-limits.js';
import { ActionRunner } from './infra/actions.js';
import { JobRunner } from './infra/jobs.js';
import { LocalStorage } from './infra/storage.js';
import { S3Storage } from './infra/storage-s3.js';
import { registerJobs } from './job-kinds.js';
import { mePolicies } from './me-policies.js';
import { EventFeed } from './realtime/feed.js';
import { Hub } from './realtime/hub.js';
import { realtimeRoutes } from './realtime/routes.js';
import { TypingRelay } from './realtime/typing.js';

export interface Parta {
  app: App;
  feed: EventFeed;
  hub: Hub;
  actions: ActionRunner;
  jobs: JobRunner;
  /** every API route and the policy it names: walked by the authorization matrix test */
  routes: GatedRoute[];
}

/** Builds the whole server from its dependencies; `main.ts` and the tests both use it. */
export async function buildApp(deps: AppDeps): Promise<Parta> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    bodyLimit: deps.config.bodyLimit,
    trustProxy: deps.config.trustedProxies,
    logController: new PartaLogController(),
    routerOptions: { maxParamLength: 200 },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const sessionCache = new SessionCache();
  // A change that may end sessions closes their sockets at once, on this node and the others.
  const sessionsChanged = () => {
    sessionCache.forgetAll();
    void hub.dropEndedSessions();
  };
  deps.bus.onSignal((signal) => {
    if (signal.type === 'sessions.changed') sessionsChanged();
  });
  const actions = new ActionRunner({
    db: deps.database.db,
    bus: deps.bus,
    clock: deps.clock,
    logger: deps.logger,
    afterCommit: (audit) => {
      if (!mayChangeSessions(audit.type)) return;
      sessionsChanged();
      deps.bus.signal({ type: 'sessions.changed' }).catch((error: Error) => {
        deps.logger.warn({ err: error.message }, 'could not tell other nodes of a session change');
      });
    },
  });
  const storage = deps.config.s3
    ? new S3Storage(deps.config.dataDir, deps.config.s3)
    : new LocalStorage(deps.config.dataDir);
  const jobs = registerJobs(
    new JobRunner({ db: deps.database.db, actions, clock: deps.clock, logger: deps.logger }),
    { storage },
  );
  const feed = new EventFeed(deps.database.db, deps.bus, deps.logger);
  const hub = new Hub(deps.database.db, feed, deps.clock, deps.logger, deps.config.wsSocketsPerAccount);
  const routeDeps: RouteDeps = { ...deps, actions, storage, mePolicies, meFirstSteps: firstSteps };

  const writes = new WriteHealth(deps.clock);
  installErrorHandling(app, writes);
  const webDir = deps.config.webDir ?? defaultWebDir;
  installSecurityHeaders(app, deps.config.publicUrl, inlineSources(webDir));
  installStrictEncoding(app);
  installHostCheck(app, deps.config);
  const routes = installPolicyGate(app);
  installWriteLimits(app, deps);
  await app.register(cookie);
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  installSessions(app, deps, sessionCache);
  await installOperations(app, deps, hub, writes);

  authRoutes(app, routeDeps);
  setupRoutes(app, routeDeps);
  peopleRoutes(app, routeDeps);
  classRoutes(app, routeDeps);
  inviteRoutes(app, routeDeps);
  joinRoutes(app, routeDeps);
  publicJoinRoutes(app, routeDeps);
  chatRoutes(app, routeDeps);
  messageRoutes(app, routeDeps);
  await app.register(async (scoped) => fileRoutes(scoped as App, routeDeps));
  hoursRoutes(app, routeDeps);
  searchRoutes(app, routeDeps);
  realtimeRoutes(app, routeDeps, hub, new TypingRelay(deps.database.db, deps.bus, hub, deps.clock));
  await installWeb(app, webDir);

  await feed.start();
  hub.startHeartbeat(deps.heartbeatMs ?? 30_000);
  await jobs.scheduleRecurring();
  if (deps.jobPollMs !== null) jobs.start(deps.jobPollMs ?? 1000);
  // Before the WebSocket plugin's own close, which would wait for clients that do not read.
  app.addHook('preClose', async () => {
    hub.closeAll(1001, 'server shutting down');
    feed.stop();
    await jobs.stop();
  });
  return { app, feed, hub, actions, jobs, routes };
}
