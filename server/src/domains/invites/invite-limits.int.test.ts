import { randomUUID } from 'node:crypto';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinRequests } from '../../db/schema.js';
import { AuditTrail } from '../../test/audit.js';
import { type InviteSchool, parentInviteOf, register, setUpInviteSchool } from '../../test/invite-school.js';
import { startTestServer, type TestServer } from '../../test/server.js';
import { guessLimits } from '../joins/attempts.js';

/** What a link withstands: a race for a single use, an address guessing links, and annulling (regulation §4.2). */
let server: TestServer;
let school: InviteSchool;
let teacher: InviteSchool['teacher'];
let class3a: InviteSchool['class3a'];
let misha: InviteSchool['misha'];

beforeAll(async () => {
  server = await startTestServer();
  school = await setUpInviteSchool(server);
  ({ teacher, class3a, misha } = school);
});
afterAll(() => server?.close());

const parentInvite = (extra: Record<string, unknown> = {}) => parentInviteOf(school, extra);

describe('abuse', () => {
  it('admits exactly one of 20 parallel uses of a single-use link', async () => {
    const token = await parentInvite({ maxUses: 1 });
    const before = (await server.db.select({ n: count() }).from(joinRequests))[0]!.n;
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        server.client().post('/api/invites/redeem', {
          token,
          register: register(`race${i}`),
          childId: misha,
          acceptRules: true,
        }),
      ),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status !== 200).map((a) => a.body.error.code)).toEqual(
      Array(19).fill('invites.exhausted'),
    );
    expect((await server.db.select({ n: count() }).from(joinRequests))[0]!.n).toBe(before + 1);
  });

  it('stops an address that keeps guessing links', async () => {
    let last = 0;
    for (let i = 0; i <= guessLimits.failuresPerAddress; i++) {
      last = (await server.client().post('/api/invites/preview', { token: randomUUID().replaceAll('-', '') }))
        .status;
    }
    expect(last).toBe(429);
    server.clock.advance(15 * 60 * 1000);
  });
});

describe('annulling', () => {
  it('annuls the unused links of a class in one action, with a count', async () => {
    await parentInvite();
    await parentInvite();
    const used = await parentInvite();
    await server.client().post('/api/invites/redeem', {
      token: used,
      register: register('used1'),
      childId: misha,
      acceptRules: true,
    });
    const audit = await AuditTrail.start(server.db);
    const annulled = await teacher.client.post('/api/invites/annul', { classId: class3a });
    expect(annulled.body.count).toBeGreaterThanOrEqual(2);
    await audit.expect([
      {
        type: 'invites.annul',
        schoolId: 1,
        actorId: teacher.id,
        subjectId: null,
        data: { classId: class3a, count: annulled.body.count },
      },
    ]);
    expect((await server.client().post('/api/invites/preview', { token: used })).status).toBe(200);
    expect((await teacher.client.post('/api/invites/annul', {})).status).toBe(403);
  });
});
