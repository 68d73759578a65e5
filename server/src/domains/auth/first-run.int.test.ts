import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN } from '../../test/school.js';
import { startTestServer, type TestServer } from '../../test/server.js';
import { SETUP_TOKEN } from '../../test/setup-token.js';

/**
 * The first-run wizard opens only with the code the server printed at start
 * (security review, #12): whoever finds a fresh installation first on the
 * network must not become its admin.
 */
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const setup = (setupToken: string) =>
  server.client().post('/api/setup', {
    schoolName: 'МБОУ «Большекайбицкая СОШ»',
    timeZone: 'Europe/Moscow',
    adminName: 'Мусина Ирина Маратовна',
    ...ADMIN,
    setupToken,
  });

describe('the first run', () => {
  it('refuses a wrong code in Russian, saying where the right one is, and sets up nothing', async () => {
    for (const code of ['wrong', `${SETUP_TOKEN}x`, SETUP_TOKEN.toUpperCase()]) {
      const reply = await setup(code);
      expect(reply.status).toBe(403);
      expect(reply.body.error.code).toBe('setup.token_invalid');
      expect(reply.body.error.message).toContain('в журнале сервера');
    }
    expect((await server.client().get('/api/setup')).body).toEqual({ needed: true, school: null });
  });

  it('sets up the school with the printed code, and after that answers «already set up» to any code', async () => {
    expect((await setup(SETUP_TOKEN)).status).toBe(201);
    const again = await setup('wrong');
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('setup.already_done');
  });
});
