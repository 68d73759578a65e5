import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import client from 'prom-client';
import type { Hub } from '../realtime/hub.js';
import type { App, AppDeps } from './types.js';

/** `/api/health` (database + bus), `/metrics` (Prometheus) and `/api/docs` (OpenAPI). */
export async function installOperations(app: App, deps: AppDeps, hub: Hub): Promise<void> {
  await app.register(swagger, {
    openapi: {
      info: { title: 'Parta API', version: '0.1.0', description: 'Errors: { error: { code, message } }' },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.get('/api/health', { schema: { hide: true } }, async (_request, reply) => {
    const [database, bus] = await Promise.all([
      deps.database.pool.query('select 1').then(
        () => true,
        () => false,
      ),
      deps.bus.healthy(),
    ]);
    const ok = database && bus;
    return reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'degraded', database, bus });
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
  });
  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}
