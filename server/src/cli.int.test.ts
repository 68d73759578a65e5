import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from './db/client.js';
import { migrateDatabase } from './db/migrate.js';
import { createTestDatabase } from './test/database.js';

const main = fileURLToPath(new URL('./main.ts', import.meta.url));

/** Runs the `parta` command from source, as an operator would. */
function parta(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', main, ...args], {
      env: { PATH: process.env.PATH, PARTA_LOG_LEVEL: 'warn', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let database: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.drop());

describe('parta command', () => {
  it('explains a bad setting and exits with 1, without a stack trace', async () => {
    const result = await parta(['serve', '--port', 'seventy'], { REDIS_URL: 'http://nope' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('PARTA_PORT (--port)');
    expect(result.stderr).toContain('REDIS_URL (--redis-url)');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('rejects an unknown flag with the usage text', async () => {
    const result = await parta(['serve', '--colour', 'red']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Usage: parta');
  });

  it('init creates the school and its first admin once, then refuses', async () => {
    const args = [
      'init',
      '--school-name',
      'Школа № 1',
      '--admin-name',
      'Админ Школы',
      '--admin-login',
      'director',
    ];
    const env = { DATABASE_URL: database.url, PARTA_ADMIN_PASSWORD: 'director-password' };
    const first = await parta(args, env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('School «Школа № 1» created');
    const second = await parta(args, env);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('already set up');
  });

  it('init names the missing flags', async () => {
    const result = await parta(['init', '--school-name', 'Школа'], { DATABASE_URL: database.url });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('adminName');
    expect(result.stderr).toContain('password');
  });
});

describe('parta on a database error', () => {
  it('prints the SQLSTATE and constraint, never the values it was writing', async () => {
    const fresh = await createTestDatabase();
    const { pool } = connect(fresh.url, 1);
    await pool.query(
      `alter table users add constraint test_refused_name check (full_name <> 'Закиров Ринат')`,
    );
    await pool.end();
    const result = await parta(
      ['init', '--school-name', 'Школа', '--admin-name', 'Закиров Ринат', '--admin-login', 'zakirov'],
      { DATABASE_URL: fresh.url, PARTA_ADMIN_PASSWORD: 'пароль-Закирова-9' },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("sqlState: '23514'");
    expect(result.stderr).toContain("constraint: 'test_refused_name'");
    for (const secret of ['Закиров', 'zakirov', 'пароль-Закирова', '$argon2']) {
      expect(result.stderr).not.toContain(secret);
    }
    await fresh.drop();
  });
});

describe('parta demo', () => {
  it('fills an empty installation with the demo school, and refuses a second time', async () => {
    const fresh = await createTestDatabase();
    const first = await parta(['demo'], { DATABASE_URL: fresh.url, PARTA_ADMIN_PASSWORD: 'demo-password' });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const { pool } = connect(fresh.url, 1);
    const counts = await pool.query(`select
      (select count(*)::int from classes) as classes,
      (select count(*)::int from users where 'student' = any(roles)) as students,
      (select count(*)::int from users where 'parent' = any(roles)) as parents,
      (select count(*)::int from chats where structural_key is not null) as chats,
      (select count(*)::int from chat_members m join chats c on c.id = m.chat_id where c.title = '5А — родители') as parents_5a`);
    expect(counts.rows[0]).toMatchObject({ classes: 22, chats: 3 + 44 });
    expect(counts.rows[0].students).toBeGreaterThan(450);
    expect(counts.rows[0].parents).toBeGreaterThan(700);
    expect(counts.rows[0].parents_5a).toBeGreaterThan(20);
    // A week of its life, written by its people through the actions, day by day up to yesterday.
    expect(first.stdout).toContain('a week of 20 messages');
    const week = await pool.query(`select
      (select count(*)::int from messages) as messages,
      (select count(*)::int from messages where reply_to_id is not null) as replies,
      (select count(distinct chat_id)::int from messages) as chats,
      (select count(*)::int from message_reactions) as reactions,
      (select count(*)::int from messages where pinned_at is not null) as pins,
      (select count(*)::int from chats where kind = 'announcement' and title = 'Новости школы') as news,
      (select count(distinct (created_at at time zone 'Europe/Moscow')::date)::int from messages) as days,
      (select max(created_at) < date_trunc('day', now() at time zone 'Europe/Moscow') at time zone 'Europe/Moscow'
        from messages) as before_today,
      (select count(*)::int from audit_log where type = 'messages.send') as audited,
      (select count(*)::int from events where type = 'messages.send') as events`);
    expect(week.rows[0]).toEqual({
      messages: 20,
      replies: 10,
      chats: 5,
      reactions: 25,
      pins: 2,
      news: 1,
      days: 7,
      before_today: true,
      audited: 20,
      events: 20,
    });
    await pool.end();
    const second = await parta(['demo'], { DATABASE_URL: fresh.url });
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('already set up');
    await fresh.drop();
  });
});

describe('migrations', () => {
  it('two nodes migrating one empty database at once both succeed', async () => {
    const fresh = await createTestDatabase();
    const { pool } = connect(fresh.url, 2);
    await pool.query(
      'drop schema public cascade; drop schema if exists drizzle cascade; create schema public',
    );
    const nodes = [connect(fresh.url, 2), connect(fresh.url, 2)];
    await Promise.all(nodes.map((node) => migrateDatabase(node.pool)));
    const tables = await pool.query(
      "select count(*)::int as n from information_schema.tables where table_schema = 'public'",
    );
    expect(tables.rows[0].n).toBeGreaterThanOrEqual(9);
    for (const node of [...nodes, { pool }]) await node.pool.end();
    await fresh.drop();
  });
});
