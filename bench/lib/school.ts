import { randomBytes } from 'node:crypto';
import { Client, mapLimit } from './http.js';

export const BENCH_ADMIN = { login: 'bench-admin', password: 'bench-admin-password' };
/** The first-run code of the servers the benches start; for a server of --url, PARTA_SETUP_TOKEN. */
export const BENCH_SETUP_TOKEN = process.env.PARTA_SETUP_TOKEN ?? 'bench-first-run-code-5b2d';

/**
 * The admin's client: runs the first-run setup on a fresh database, or logs in
 * with the given account when the school already exists (a server from --url).
 */
export async function adminClient(
  baseUrl: string,
  account: { login?: string; password?: string },
  timeZone: string,
): Promise<Client> {
  const admin = new Client(baseUrl);
  const status = await admin.get<{ needed: boolean }>('/api/setup');
  if (status.body.needed) {
    await admin.expect(201, '/api/setup', {
      schoolName: 'Нагрузочная школа',
      timeZone,
      adminName: 'Администратор нагрузки',
      login: account.login ?? BENCH_ADMIN.login,
      password: account.password ?? BENCH_ADMIN.password,
      setupToken: BENCH_SETUP_TOKEN,
    });
    // Load is measured at any hour: the school keeps no working hours, or night posts would wait.
    await admin.expect(200, '/api/hours', {
      opensAt: '00:00',
      closesAt: '24:00',
      days: [1, 2, 3, 4, 5, 6, 7],
    });
    return admin;
  }
  if (!account.login || !account.password) {
    throw new Error(
      'this server already has a school: pass --admin-login and --admin-password (or PARTA_ADMIN_PASSWORD)',
    );
  }
  await admin.expect(200, '/api/auth/login', { login: account.login, password: account.password });
  return admin;
}

export interface Member {
  id: number;
  client: Client;
}

/**
 * Adds `count` people; each sets a password through their link and is then
 * logged in (no password logins, so the login rate limit never applies).
 * Logins carry a random run tag, so runs against the same server do not clash.
 */
export async function addMembers(admin: Client, count: number, teachers: number): Promise<Member[]> {
  const tag = randomBytes(3).toString('hex');
  return mapLimit(
    Array.from({ length: count }, (_, i) => i),
    8,
    async (i) => {
      const created = await admin.expect<{ person: { id: number }; setPasswordLink: { url: string } }>(
        201,
        '/api/people',
        {
          fullName: `Участник нагрузки ${i + 1}`,
          login: `bench-${tag}-${i + 1}`,
          roles: i < teachers ? ['teacher'] : ['parent'],
        },
      );
      const token = new URL(created.setPasswordLink.url).pathname.split('/').pop();
      const client = new Client(admin.baseUrl);
      await client.expect(200, '/api/auth/reset', { token, newPassword: `bench-password-${tag}-${i}` });
      return { id: created.person.id, client };
    },
  );
}
