import { randomUUID } from 'node:crypto';
import { wsCloseCodes, ZClientFrame } from '@parta/protocol';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { TestClient } from './test/client.js';
import { ADMIN, addPerson, setUpSchool } from './test/school.js';
import { startTestServer, type TestServer } from './test/server.js';

/**
 * Random and malformed requests at every route (DESIGN §3.5): whatever comes
 * in, the answer is never a 5xx and the database does not change.
 */
let server: TestServer;
let admin: TestClient;
let chatId: number;

/** Every table, each with what counts as its content. */
const tables: [string, string][] = [
  ...[
    'schools',
    'users',
    'sessions',
    'password_resets',
    'classes',
    'subject_teachers',
    'guardianships',
    'committee_members',
    'invites',
    'join_requests',
    'chats',
    'chat_members',
    'messages',
    'message_versions',
    'message_reactions',
    'search_words',
    'events',
  ].map((table): [string, string] => [table, `${table} t`]),
  // An admin opening a person card is recorded on purpose (DESIGN §3.6): that read is not a change.
  // So is a refused password (a failed login, a lockout): an attempt, not a change.
  [
    'audit_log',
    `audit_log t where type not in ('people.contacts_read', 'auth.login_failed', 'auth.lockout')`,
  ],
];

async function digest(): Promise<string> {
  const parts: string[] = [];
  for (const [table, from] of tables) {
    const result = await server.db.execute<{ md5: string | null }>(
      sql.raw(`select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as md5 from ${from}`),
    );
    parts.push(`${table}:${result.rows[0]?.md5}`);
  }
  return parts.join(',');
}

beforeAll(async () => {
  server = await startTestServer();
  admin = await setUpSchool(server);
  const parent = await addPerson(server, admin, {
    fullName: 'Родитель Тестовый',
    login: 'parent',
    roles: ['parent'],
  });
  chatId = (await admin.post('/api/chats', { title: 'Чат', memberIds: [parent.id] })).body.id;
  await admin.post(`/api/chats/${chatId}/messages`, { clientId: randomUUID(), body: 'Привет' });
});
afterAll(() => server?.close());

const arbitraryBody = fc.oneof(
  fc.constant(undefined),
  fc.jsonValue({ maxDepth: 3 }),
  fc.record({
    clientId: fc.oneof(fc.uuid(), fc.string()),
    body: fc.oneof(fc.string(), fc.integer(), fc.constant('')),
  }),
  fc.record({ login: fc.string(), password: fc.string(), extra: fc.anything() }, { requiredKeys: [] }),
  fc.record(
    { title: fc.string({ maxLength: 300 }), memberIds: fc.array(fc.integer()) },
    { requiredKeys: [] },
  ),
  fc.string({ maxLength: 3000 }).map((text) => ({ raw: text })),
);
const arbitraryId = fc.oneof(
  fc.constant('1'),
  fc.integer({ min: -5, max: 5 }).map(String),
  fc.constant('99999999999999999999'),
  fc.constant('1e3'),
  fc.string({ maxLength: 30 }).map(encodeURIComponent),
);
const arbitraryAuth = fc.constantFrom(
  'admin',
  'admin-no-csrf',
  'admin-forged-csrf',
  'anonymous',
  'garbage-cookie',
);
const arbitraryContentType = fc.constantFrom(
  'application/json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'none',
);

/** Extra headers a confused proxy or a hostile script might send; values are printable ASCII. */
const printable = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
  maxLength: 60,
});
const arbitraryHeaders = fc.dictionary(
  fc.constantFrom(
    'accept-language',
    'origin',
    'sec-fetch-site',
    'x-forwarded-for',
    'accept',
    'x-parta',
    'range',
    'if-none-match',
  ),
  printable,
  { maxKeys: 3 },
);

describe('random input at every route', () => {
  it('never answers 5xx and never changes state', async () => {
    const routes = server.parta.routes.filter((route) => !route.websocket);
    const before = await digest();
    for (const route of routes) {
      const bodySchema = route.schema.body as z.ZodType | undefined;
      const paramsSchema = route.schema.params as z.ZodType | undefined;
      const mutating = route.method !== 'GET';
      await fc.assert(
        fc.asyncProperty(
          arbitraryBody,
          arbitraryId,
          arbitraryAuth,
          arbitraryContentType,
          fc.string({ maxLength: 40 }),
          arbitraryHeaders,
          async (body, id, auth, contentType, query, extra) => {
            const url = `${route.url.replace(':id', id)}?${encodeURIComponent(query)}=${encodeURIComponent(query)}`;
            const raw = body && typeof body === 'object' && 'raw' in body ? String(body.raw) : undefined;
            const payload = raw ?? (body === undefined ? undefined : JSON.stringify(body));
            const bodyValid = raw === undefined && (!bodySchema || bodySchema.safeParse(body).success);
            const paramsValid = !paramsSchema || paramsSchema.safeParse({ id }).success;
            const typeValid = payload === undefined || contentType === 'application/json';
            // A request that is valid in every way may change state legitimately: only invalid ones here.
            if (mutating) fc.pre(!(auth === 'admin' && bodyValid && paramsValid && typeValid));
            const headers: Record<string, string> = { ...extra };
            if (contentType !== 'none' && payload !== undefined) headers['content-type'] = contentType;
            if (auth.startsWith('admin')) headers.cookie = admin.cookie!;
            if (auth === 'admin') headers['x-csrf-token'] = admin.csrfToken!;
            if (auth === 'admin-forged-csrf') headers['x-csrf-token'] = randomUUID();
            if (auth === 'garbage-cookie') headers.cookie = `parta_session=${randomUUID()}`;
            const response = await fetch(server.url + url, {
              method: route.method,
              headers,
              body: mutating ? payload : undefined,
            });
            const text = await response.text();
            expect(response.status, `${route.method} ${url} → ${text.slice(0, 300)}`).toBeLessThan(500);
            if (response.status >= 400) expect(JSON.parse(text).error.code).toMatch(/^[a-z_]+\.[a-z_]+$/);
          },
        ),
        { numRuns: mutating ? 40 : 15 },
      );
    }
    expect(await digest()).toBe(before);
  });

  it('rejects oversized bodies with request.too_large', async () => {
    const huge = 'а'.repeat(1024 * 1024);
    const reply = await admin.post(`/api/chats/${chatId}/messages`, { clientId: randomUUID(), body: huge });
    expect(reply.status).toBe(413);
    expect(reply.body.error.code).toBe('request.too_large');
    expect(reply.body.error.message).toBe('Запрос слишком большой.');
  });

  it('rejects unknown fields and names them', async () => {
    const reply = await admin.post(`/api/chats/${chatId}/messages`, {
      clientId: randomUUID(),
      body: 'x',
      admin: true,
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('validation.failed');
  });

  it('closes a WebSocket that sends a malformed frame, changing nothing', async () => {
    const before = await digest();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 5000 }),
          fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
        ),
        async (text) => {
          let parsed: unknown;
          try {
            parsed = JSON.parse(text);
          } catch {
            parsed = undefined;
          }
          fc.pre(!ZClientFrame.safeParse(parsed).success);
          const socket = await admin.socket(null);
          await socket.waitFor((s) => s.frames.some((f) => f.type === 'ready'), 'ready');
          socket.ws.send(text);
          await socket.waitFor((s) => s.closed !== null, 'close');
          expect(socket.closed?.code).toBe(wsCloseCodes.badFrame);
        },
      ),
      { numRuns: 30 },
    );
    expect(await digest()).toBe(before);
    expect((await server.client().login(ADMIN.login, ADMIN.password)).roles).toEqual(['admin']);
  });
});
