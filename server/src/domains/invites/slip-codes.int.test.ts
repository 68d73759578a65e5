import { randomUUID } from 'node:crypto';
import { drawSlipCode, groupSlipCode, slipCode } from '@parta/protocol';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { joinRequests } from '../../db/schema.js';
import type { TestClient } from '../../test/client.js';
import { postFrom } from '../../test/from-address.js';
import { setUpSchool } from '../../test/school.js';
import { startTestServer, type TestServer } from '../../test/server.js';
import { guessLimits } from '../joins/attempts.js';

/**
 * The short code of a printed slip (protocol/slip-code.ts): typed from paper
 * in any spelling, it opens the invite like its link; personal invites have
 * none; and wrong codes are limited per address and across the installation
 * (docs/security.md, docs/joining.md «Код с листочка»).
 */
let server: TestServer;
let admin: TestClient;
let class3a: number;
let misha: number;

/** A code that no invite has: drawn again if the tests' invites happened to take it. */
let taken: string[] = [];
const wrongCode = () => {
  for (;;) {
    const code = drawSlipCode((n) => Math.floor(Math.random() * n));
    if (!taken.includes(code)) return groupSlipCode(code);
  }
};
const from = (address: string, token: string) =>
  postFrom(server.url, address, '/api/invites/preview', { token });

async function classInvite(extra: Record<string, unknown> = {}) {
  const reply = await admin.post('/api/invites', { role: 'parent', classId: class3a, ...extra });
  expect(reply.status).toBe(201);
  taken.push(slipCode(reply.body.code)!);
  return reply.body as { url: string; code: string; invite: { id: number } };
}

beforeAll(async () => {
  server = await startTestServer();
  admin = await setUpSchool(server);
  class3a = (await admin.post('/api/classes', { grade: 3, letter: 'А' })).body.id;
  const created = await admin.post('/api/people', {
    fullName: 'Петров Миша Иванович',
    login: `s-${randomUUID().slice(0, 8)}`,
    roles: ['student'],
  });
  misha = created.body.person.id;
  await admin.post(`/api/people/${misha}/class`, { classId: class3a });
});
afterAll(() => server?.close());
beforeEach(() => {
  server.clock.advance(15 * 60 * 1000);
  taken = taken.slice(-50);
});

describe('a slip’s short code', () => {
  it('comes with every class invite, grouped, with the pages and the school code to print', async () => {
    const created = await classInvite();
    const { school } = (await admin.get('/api/school/structure')).body;
    expect(created).toMatchObject({
      code: expect.stringMatching(/^[ACEHKMPTXY34679]{3}-[ACEHKMPTXY34679]{3}-[ACEHKMPTXY34679]{3}$/),
      codePage: expect.stringMatching(/^https?:\/\/[^/]+\/join$/),
      schoolPage: expect.stringMatching(/^https?:\/\/[^/]+\/school$/),
      schoolCode: school.joinCode,
    });
    const stored = await server.db.execute<{ code_hash: string }>(
      `select code_hash from invites where id = ${created.invite.id}`,
    );
    expect(stored.rows[0]!.code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.rows[0]!.code_hash).not.toContain(slipCode(created.code)!.toLowerCase());
  });

  it('is not given to a personal invite, which sets a password without review', async () => {
    const parent = await admin.post('/api/people', {
      fullName: 'Петрова Анна Сергеевна',
      login: `p-${randomUUID().slice(0, 8)}`,
      roles: ['parent'],
    });
    const personal = await admin.post('/api/invites', { role: 'parent', personId: parent.body.person.id });
    expect(personal.status).toBe(201);
    expect(personal.body.code).toBeNull();
  });

  it('opens the invite however it is typed: lower case, spaces, Cyrillic letters — and joins the class', async () => {
    const { code, invite } = await classInvite();
    const plain = slipCode(code)!;
    const typed = [
      code,
      plain.toLowerCase(),
      `${plain.slice(0, 3)} ${plain.slice(3, 6)} ${plain.slice(6)}`,
      plain.replace(/[ACEHKMPTXY]/g, (c) => 'АСЕНКМРТХУ'['ACEHKMPTXY'.indexOf(c)]!).toLowerCase(),
    ];
    for (const token of typed) {
      const preview = await server.client().post('/api/invites/preview', { token });
      expect(preview.body).toMatchObject({ role: 'parent', className: '3А', personal: false });
    }
    const joined = await server.client().post('/api/invites/redeem', {
      token: ` ${plain.toLowerCase()} `,
      register: { fullName: 'Петров Иван Сергеевич', login: 'petrov.i', password: 'petrov-password' },
      childId: misha,
      acceptRules: true,
    });
    expect(joined.status).toBe(200);
    expect(joined.body.outcome).toBe('pending');
    const [request] = await server.db
      .select({ inviteId: joinRequests.inviteId })
      .from(joinRequests)
      .where(eq(joinRequests.id, joined.body.request.id));
    expect(request!.inviteId).toBe(invite.id);
  });

  it('says «no such code» for unknown and malformed codes alike, and why a revoked one stopped', async () => {
    const revoked = await classInvite();
    await admin.post(`/api/invites/${revoked.invite.id}/revoke`);
    const answers = await Promise.all(
      [wrongCode(), 'K7M-4PX', 'K7M-4PX-A00', revoked.code].map((token) =>
        server.client().post('/api/invites/preview', { token }),
      ),
    );
    expect(answers.map((a) => a.body.error.code)).toEqual([
      'invites.code_invalid',
      'invites.code_invalid',
      'invites.code_invalid',
      'invites.revoked',
    ]);
    expect(answers[0]!.body).toEqual(answers[1]!.body);
    expect(answers[0]!.body.error.message).toMatch(/^Такого кода нет\. Проверьте/);
  });
});

describe('guessing slip codes', () => {
  it('stops an address after its refused guesses', async () => {
    const answers: number[] = [];
    for (let i = 0; i <= guessLimits.failuresPerAddress; i++) {
      answers.push((await from('127.0.0.2', wrongCode())).status);
    }
    expect(answers.slice(0, -1).every((status) => status === 404)).toBe(true);
    expect(answers.at(-1)).toBe(429);
  });

  it('stops a crowd of addresses at the installation’s limit, exactly, even in a burst; links still work', async () => {
    const { code, url } = await classInvite();
    const perAddress = guessLimits.failuresPerAddress - 1;
    let sent = 0;
    for (let host = 10; sent < guessLimits.slipCodeFailures - 10; host++) {
      for (let i = 0; i < perAddress && sent < guessLimits.slipCodeFailures - 10; i++, sent++) {
        expect((await from(`127.0.1.${host}`, wrongCode())).status).toBe(404);
      }
    }
    // Thirty at once from thirty fresh addresses: ten get a lookup, twenty wait.
    const burst = await Promise.all(
      Array.from({ length: 30 }, (_, i) => from(`127.0.2.${i + 1}`, wrongCode())),
    );
    expect(burst.filter((a) => a.status === 404)).toHaveLength(10);
    expect(burst.filter((a) => a.status === 429)).toHaveLength(20);
    // Until the window ends even a right code waits (the price, docs/joining.md); the QR code's link does not.
    expect((await from('127.0.3.1', code)).status).toBe(429);
    expect((await from('127.0.3.1', url.split('/join/')[1]!)).status).toBe(200);
    server.clock.advance(15 * 60 * 1000);
    expect((await from('127.0.3.1', code)).status).toBe(200);
  });

  it('never counts right codes against the installation', async () => {
    const { code } = await classInvite();
    for (let host = 1; host <= 4; host++) {
      for (let i = 0; i < 100; i++) expect((await from(`127.0.4.${host}`, code)).status).toBe(200);
    }
    expect((await from('127.0.5.1', wrongCode())).status).toBe(404);
  });
});
