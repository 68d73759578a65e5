import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyRequest } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import client from 'prom-client';
import { sameSecret } from '../domains/auth/secrets.js';
import { AppError } from '../infra/errors.js';
import type { Hub } from '../realtime/hub.js';
import type { WriteHealth } from './database-faults.js';
import type { App, AppDeps } from './types.js';

/** `/api/health` (database, its writes, bus), `/metrics` (Prometheus) and `/api/docs` (OpenAPI). */
export async function installOperations(
  app: App,
  deps: AppDeps,
  hub: Hub,
  writes: WriteHealth,
): Promise<void> {
  await app.register(swagger, {
    openapi: {
      info: { title: 'Parta API', version: '0.1.0', description: 'Errors: { error: { code, message } }' },
    },
    transform: jsonSchemaTransform,
  });
  // A map of every route is of use to developers, and to nobody else on a school's server.
  if (deps.config.apiDocs) await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.get('/api/health', { schema: { hide: true } }, async (_request, reply) => {
    const [database, bus] = await Promise.all([
      deps.database.pool.query('select 1').then(
        () => true,
        () => false,
      ),
      deps.bus.healthy(),
    ]);
    const ok = database && writes.ok && bus;
    return reply
      .status(ok ? 200 : 503)
      .send({ status: ok ? 'ok' : 'degraded', database, writes: writes.ok, bus });
  });

  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'parta_' });
  new client.Gauge({
    name: 'parta_ws_connections',
    help: 'Open WebSocket connections on this node',
    registers: [registry],
    collect() {
      this.set(hub.size);
    },
  });
  const requests = new client.Histogram({
    name: 'parta_http_request_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    requests.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unknown',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
    if (request.method !== 'GET' && request.method !== 'HEAD' && reply.statusCode < 400) writes.succeeded();
  });
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (!mayReadMetrics(request, deps.config.metricsToken)) throw new AppError('request.not_found');
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}

/**
 * A Prometheus on the same machine, talking to Parta directly (not through a
 * proxy, which would add forwarding headers), or anyone with the metrics token.
 */
function mayReadMetrics(request: FastifyRequest, token: string | undefined): boolean {
  const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
  if (token && bearer) return sameSecret(bearer, token);
  const peer = request.socket.remoteAddress ?? '';
  const forwarded = ['forwarded', 'x-forwarded-for', 'x-real-ip'].some((name) => name in request.headers);
  return !forwarded && (peer === '127.0.0.1' || peer === '::1' || peer === '::ffff:127.0.0.1');
}
