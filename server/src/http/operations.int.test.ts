import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/server.js';

const metricsToken = 'metrics-token-of-32-characters!!';
let server: TestServer;
let withDocs: TestServer;
beforeAll(async () => {
  server = await startTestServer({ env: { PARTA_METRICS_TOKEN: metricsToken } });
  withDocs = await startTestServer({ env: { PARTA_API_DOCS: 'true' } });
});
afterAll(async () => {
  await server?.close();
  await withDocs?.close();
});

it('reports health of the database and the bus', async () => {
  const reply = await server.client().get('/api/health');
  expect(reply.status).toBe(200);
  expect(reply.body).toEqual({ status: 'ok', database: true, writes: true, bus: true });
});

it('exposes Prometheus metrics', async () => {
  await server.client().get('/api/setup');
  const reply = await server.client().get('/metrics');
  expect(reply.status).toBe(200);
  expect(reply.body).toContain('parta_ws_connections');
  expect(reply.body).toContain(
    'parta_http_request_seconds_count{method="GET",route="/api/setup",status="200"}',
  );
});

it('shows metrics through a proxy only with the metrics token', async () => {
  const viaProxy = { 'x-forwarded-for': '203.0.113.9' };
  const refused = await server.client().request('GET', '/metrics', undefined, viaProxy);
  expect(refused.status).toBe(404);
  expect(refused.body).not.toContain('parta_');
  const wrong = { ...viaProxy, authorization: `Bearer ${'x'.repeat(metricsToken.length)}` };
  expect((await server.client().request('GET', '/metrics', undefined, wrong)).status).toBe(404);
  const allowed = { ...viaProxy, authorization: `Bearer ${metricsToken}` };
  const reply = await server.client().request('GET', '/metrics', undefined, allowed);
  expect(reply.status).toBe(200);
  expect(reply.body).toContain('parta_ws_connections');
});

it('keeps the API description off unless PARTA_API_DOCS is set', async () => {
  expect((await server.client().get('/api/docs/json')).status).toBe(404);
  expect((await server.client().get('/api/docs')).status).toBe(404);
});

it('publishes the OpenAPI description generated from the zod schemas', async () => {
  const reply = await withDocs.client().get('/api/docs/json');
  expect(reply.status).toBe(200);
  expect(Object.keys(reply.body.paths)).toEqual(
    expect.arrayContaining(['/api/chats', '/api/chats/{id}/messages', '/api/auth/login', '/api/setup']),
  );
  const body =
    reply.body.paths['/api/chats/{id}/messages'].post.requestBody.content['application/json'].schema;
  expect(body.properties.body.maxLength).toBe(4000);
});

it('answers an unknown API path with a localised 404', async () => {
  const reply = await server
    .client()
    .request('GET', '/api/nothing-here', undefined, { 'accept-language': 'en-US' });
  expect(reply.status).toBe(404);
  expect(reply.body.error).toEqual({ code: 'request.not_found', message: 'There is no such page.' });
});
