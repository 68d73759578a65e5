import { randomUUID } from 'node:crypto';
import { wsCloseCodes, ZClientFrame } from '@parta/protocol';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { TestClient } from './test/client.js';
import { digest as digestOf } from './test/digest.js';
import { ADMIN, addPerson, setUpSchool } from './test/school.js';
import { startTestServer, type TestServer } from './test/server.js';

/**
 * Random and malformed requests at every route (DESIGN §3.5): whatever comes
 * in, the answer is never a 5xx and the database does not change.
 */
let server: TestServer;
let admin: TestClient;
let chatId: number;

const digest = () => digestOf(server.db);
const lastAuditId = async () =>
  Number(
    (await server.db.execute<{ id: string | null }>(sql`select max(id) as id from audit_log`)).rows[0]!.id ??
      0,
  );
/** Audit rows written after `id` that record a change (an attempt or an audited read is not one). */
const auditedSince = async (id: number) =>
  (
    await server.db.execute<{ type: string; data: unknown }>(
      sql`select type, data from audit_log where id > ${id}
        and type not in ('people.contacts_read', 'auth.login_failed', 'auth.lockout') order by id`,
    )
  ).rows;

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

/** Text as a person types it, mixed with what no field may hold: controls, U+0000, lone surrogates. */
const text = (maxLength = 40) =>
  fc.string({
    unit: fc.oneof(
      fc.constantFrom('\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\uD800', '\uDFFF', '\n', '\t'),
      fc.constantFrom('а', 'Ё', 'a', '1', ' ', '@', '😀'),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
    ),
    maxLength,
  });
/** Ids past `integer` and past what JavaScript counts exactly, and 1 spelled every other way. */
const oddIds = [
  '2147483648',
  '9007199254740993',
  '99999999999999999999',
  '0x1',
  '1e3',
  '01',
  '+1',
  ' 1',
  '1.0',
];
const bodyId = fc.oneof(fc.integer(), fc.constantFrom(2 ** 31, 2 ** 53, 2 ** 63, -1, 0, 1.5));
/** Bytes that are not UTF-8: a stray continuation, a truncated sequence, an encoded surrogate, an overlong slash. */
const notUtf8 = fc.constantFrom([0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xf0, 0x28, 0x8c], [0xc0, 0xaf]);

const arbitraryBody = fc.oneof(
  fc.constant(undefined),
  fc.jsonValue({ maxDepth: 3 }),
  fc.record(
    {
      clientId: fc.oneof(fc.uuid(), text()),
      body: fc.oneof(text(200), fc.integer(), fc.constant('')),
      replyToId: bodyId,
    },
    { requiredKeys: ['clientId', 'body'] },
  ),
  fc.record({ login: text(), password: text(), extra: fc.anything() }, { requiredKeys: [] }),
  fc.record({ title: text(300), memberIds: fc.array(bodyId) }, { requiredKeys: [] }),
  fc.record(
    { fullName: text(), subject: text(), reason: text(), code: text(), userId: bodyId, classId: bodyId },
    { requiredKeys: [] },
  ),
  // Not empty: no bytes at all is no body, which a route that takes none rightly accepts (a logout).
  text(3000)
    .filter((raw) => raw !== '')
    .map((raw) => ({ raw: Buffer.from(raw) })),
  fc
    .tuple(text(), notUtf8, fc.constantFrom('body', 'title', 'fullName', 'login'))
    .map(([before, bad, key]) => ({
      raw: Buffer.concat([Buffer.from(`{"${key}":"${before}`), Buffer.from(bad), Buffer.from('"}')]),
    })),
);
const arbitraryId = fc.oneof(
  fc.constant('1'),
  fc.integer({ min: -5, max: 5 }).map(String),
  fc.constantFrom(...oddIds).map(encodeURIComponent),
  text(30).map(percentEncoded),
);

/** Every byte percent-encoded, so any text (a lone surrogate goes as «�») can sit in a URL. */
function percentEncoded(value: string): string {
  return [...Buffer.from(value)].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
}
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

function decodeURIComponentOr(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

describe('random input at every route', () => {
  it('never answers 5xx and never changes state', async () => {
    const routes = server.parta.routes.filter((route) => !route.websocket);
    const before = await digest();
    const auditBefore = await lastAuditId();
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
          text(),
          arbitraryHeaders,
          async (body, id, auth, contentType, query, extra) => {
            const names = (route.url.match(/:\w+/g) ?? []).map((name) => name.slice(1));
            const url = `${route.url.replace(/:\w+/g, id)}?${percentEncoded(query)}=${percentEncoded(query)}`;
            const raw = body && typeof body === 'object' && 'raw' in body ? (body.raw as Buffer) : undefined;
            const payload = raw ?? (body === undefined ? undefined : JSON.stringify(body));
            const bodyValid = raw === undefined && (!bodySchema || bodySchema.safeParse(body).success);
            const params = Object.fromEntries(names.map((name) => [name, decodeURIComponentOr(id)]));
            const paramsValid = !paramsSchema || paramsSchema.safeParse(params).success;
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
    // Named first, so that a failure says which change slipped through.
    expect(await auditedSince(auditBefore)).toEqual([]);
    expect(await digest()).toBe(before);
  }, 240_000); // some 60 routes × up to 40 runs: half a minute idle, more on a busy machine

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
