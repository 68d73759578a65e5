import type { TChatList, TMe } from '@parta/protocol';
import pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { checkA11y } from './support/a11y.js';
import { collectPageErrors, desktop, launchBrowser, logIn, openContext, phone } from './support/browser.js';
import { type ClassSchool, seedClassSchool } from './support/invites.js';
import { type RunningServer, startServer } from './support/server.js';
import { createSystemDatabase } from './support/services.js';

/**
 * What an attacker tries from a real browser (security review, #12): a class
 * teacher forging a personal invite for the admin, a post without the CSRF
 * header, and another school's ids. The server is on the machine's
 * PostgreSQL so that a second school can be written beside the first.
 */
let database: Awaited<ReturnType<typeof createSystemDatabase>>;
let server: RunningServer;
let browser: Browser;
let school: ClassSchool;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  database = await createSystemDatabase();
  server = await startServer({ databaseUrl: database.url });
  browser = await launchBrowser();
  school = await seedClassSchool(server.url);
  // A second school of the same installation, its admin with the same password as the first's.
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  await client.query(
    `
    with b as (insert into schools (name, time_zone, academic_year, join_code, created_at)
      values ('Лицей № 2', 'Europe/Moscow', 2026, '87654321', now()) returning id)
    insert into users (school_id, full_name, login, password_hash, roles, created_at)
    select b.id, 'Админ Лицея', 'admin-b', u.password_hash, '{admin}', now() from b, users u where u.login = $1`,
    [school.admin.login],
  );
  await client.end();
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
  await server?.stop();
  await database?.drop();
});

async function person(
  login: string,
  password: string,
  viewport = desktop,
): Promise<{ page: Page; errors: string[] }> {
  const context = await openContext(browser, server.url, viewport);
  contexts.push(context);
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await logIn(page, login, password);
  return { page, errors };
}

/** A request from the page itself, with its session cookie and, unless told not to, its CSRF header. */
function fetchFromPage(page: Page, method: string, path: string, body?: unknown, csrf = true) {
  return page.evaluate(
    async ({ method, path, body, csrf }) => {
      const me = (await (await fetch('/api/me')).json()) as TMe;
      const response = await fetch(path, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(csrf ? { 'x-csrf-token': me.csrfToken } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as any };
    },
    { method, path, body, csrf },
  );
}

describe('an attacker in a browser', () => {
  it('as a class teacher, cannot make a personal invite for the admin; the admin still logs in with their own password', async () => {
    onTestFailed(() => console.error(`Parta's output:\n${server.output()}`));
    const { page: teacher, errors } = await person(school.teacher.login, school.teacher.password, phone);
    const me = (await fetchFromPage(teacher, 'GET', '/api/me')).body as TMe;
    const adminId = (await school.adminClient.get<TMe>('/api/me')).id;
    const forged = await fetchFromPage(teacher, 'POST', '/api/invites', {
      role: 'parent',
      classId: school.classId,
      personId: adminId,
    });
    expect(forged.status).toBe(404);
    expect(forged.body.error.code).toBe('people.not_found');
    const teacherCard = await fetchFromPage(teacher, 'POST', '/api/invites', {
      role: 'teacher',
      personId: me.id,
    });
    expect(teacherCard.status).toBe(403);
    expect(errors).toEqual([]);

    const { page: admin } = await person(school.admin.login, school.admin.password);
    await admin.getByRole('heading', { name: 'Чаты', level: 1 }).waitFor();
  });

  it('cannot post without the CSRF header: refused, and nothing appears in the chat', async () => {
    const { page: teacher } = await person(school.teacher.login, school.teacher.password);
    const chats = (await fetchFromPage(teacher, 'GET', '/api/chats')).body as TChatList;
    const parentsChat = chats.chats.find((chat) => chat.title === '3А — родители')!;
    const body = { clientId: crypto.randomUUID(), body: 'Подделанное сообщение' };
    const forged = await fetchFromPage(teacher, 'POST', `/api/chats/${parentsChat.id}/messages`, body, false);
    expect(forged.status).toBe(403);
    expect(forged.body.error.code).toBe('auth.csrf_failed');
    await teacher.goto(`/chats/${parentsChat.id}`);
    await teacher.getByText(school.earlierMessage).first().waitFor();
    await checkA11y(teacher, 'чат после подделки');
    expect(await teacher.getByText('Подделанное сообщение').count()).toBe(0);
  });

  it('from another school, gets «not found» for this school’s chat, class and people, exactly as for missing ones', async () => {
    const { page: other } = await person('admin-b', school.admin.password);
    const chats = (await school.teacherClient.get<TChatList>('/api/chats')).chats;
    const teacherId = (await school.teacherClient.get<TMe>('/api/me')).id;
    for (const [theirs, missing] of [
      [`/api/chats/${chats[0]!.id}`, '/api/chats/999999'],
      [`/api/classes/${school.classId}`, '/api/classes/999999'],
      [`/api/people/${teacherId}`, '/api/people/999999'],
    ] as const) {
      const reply = await fetchFromPage(other, 'GET', theirs);
      expect(reply.status, theirs).toBe(404);
      expect(reply.body, theirs).toEqual((await fetchFromPage(other, 'GET', missing)).body);
    }
    await other.goto(`/chats/${chats[0]!.id}`);
    expect(await other.getByText(school.earlierMessage).count()).toBe(0);
  });
});
