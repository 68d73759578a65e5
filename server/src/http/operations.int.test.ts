import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

it('reports health of the database and the bus', async () => {
  const reply = await server.client().get('/api/health');
  expect(reply.status).toBe(200);
  expect(reply.body).toEqual({ status: 'ok', database: true, bus: true });
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

it('publishes the OpenAPI description generated from the zod schemas', async () => {
  const reply = await server.client().get('/api/docs/json');
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
