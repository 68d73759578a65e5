import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import path from 'node:path';
import { Client } from './http.js';
import { embeddedDatabaseUrl } from './lock-watch.js';
import { processTree } from './procfs.js';
import {
  assertBuilt,
  createScratchDatabase,
  embeddedDataDir,
  freePort,
  PgClient,
  removeScratch,
  type ServerProcess,
  scratchDir,
  serverMain,
  spawnParta,
  stopParta,
  waitHealthy,
} from './server.js';

/** Undo steps, run in reverse order when the bench ends. */
export type Cleanups = (() => Promise<void> | void)[];

export const DEMO_PASSWORD = 'bench-search-password';

export interface SearchServer {
  baseUrl: string;
  process: ServerProcess;
  /** the server's database, for the bulk load and EXPLAIN */
  databaseUrl: string;
  embedded: boolean;
  logFile: string;
  demoMs: number;
}

/** `parta demo` on the data dir or database the server will use, its output into the server's log. */
function runDemo(dataDir: string, databaseUrl: string | undefined, logFile: string): Promise<number> {
  const started = performance.now();
  const args = [serverMain, 'demo', '--admin-password', DEMO_PASSWORD, '--data-dir', dataDir];
  args.push('--log-level', 'info');
  if (databaseUrl) args.push('--database-url', databaseUrl);
  const env = { ...process.env };
  delete env.DATABASE_URL;
  const log = openSync(logFile, 'a');
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', log, log] });
  closeSync(log);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(performance.now() - started) : reject(new Error(`parta demo exited ${code}`)),
    );
  });
}

/**
 * The demo school (`parta demo`: 22 classes, ~1,300 people, 47 structural
 * chats) on a scratch embedded PostgreSQL (`db` = "embedded") or on a scratch
 * database of the server at `db`, then `parta serve` on a free port.
 */
export async function startSearchServer(
  cleanups: Cleanups,
  db: string,
  onLogFile: (file: string) => void,
  keep = false,
): Promise<SearchServer> {
  assertBuilt();
  const scratch = scratchDir('parta-search-');
  const dataDir = path.join(scratch, 'data');
  const logFile = path.join(scratch, 'server.log');
  cleanups.push(() => removeScratch(scratch, dataDir, logFile));
  onLogFile(logFile);
  const embedded = db === 'embedded';
  let databaseUrl: string | undefined;
  if (!embedded) {
    const database = await createScratchDatabase(db);
    if (!keep) cleanups.push(() => database.drop());
    databaseUrl = database.url;
  }
  const demoMs = await runDemo(dataDir, databaseUrl, logFile);
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const server = spawnParta({ command: 'serve', dataDir, databaseUrl, port, logFile, logLevel: 'warn' });
  cleanups.push(() => stopParta(server, processTree(server.pid)).then(() => undefined));
  await waitHealthy(baseUrl, server);
  databaseUrl ??= embeddedDatabaseUrl(embeddedDataDir(dataDir, logFile)) ?? undefined;
  if (!databaseUrl) throw new Error('could not find the embedded PostgreSQL port and password');
  return { baseUrl, process: server, databaseUrl, embedded, logFile, demoMs };
}

export interface Searcher {
  label: string;
  login: string;
  userId: number;
  client: Client;
  chatIds: number[];
  /** a chat of theirs for the chat-scoped queries: their class's parents' chat */
  oneChatId: number;
}

/** Logs a demo account in with the shared password. */
async function logIn(baseUrl: string, login: string): Promise<Client> {
  const client = new Client(baseUrl);
  await client.expect(200, '/api/auth/login', { login, password: DEMO_PASSWORD });
  return client;
}

async function chatsOf(client: Client): Promise<{ id: number; title: string; kind: string }[]> {
  const reply = await client.get<{ chats: { id: number; title: string; kind: string }[] }>('/api/chats');
  if (reply.status !== 200) throw new Error(`GET /api/chats answered ${reply.status}`);
  return reply.body.chats;
}

/**
 * The two people who search: a class teacher (teacher04, class teacher of
 * 1Б), who also opens three group chats of their own and two direct chats with
 * parents, as teachers do — 9 chats in all; and a parent of a 1Б child (the
 * class parents' chat, maybe one more).
 */
export async function searchers(baseUrl: string, databaseUrl: string): Promise<Searcher[]> {
  const db = new PgClient({ connectionString: databaseUrl });
  await db.connect();
  try {
    const ids = async (text: string) => (await db.query<{ id: number }>(text)).rows.map((row) => row.id);
    const teacherId = (await ids(`select id from users where login = 'teacher04'`))[0]!;
    const classChat = (
      await db.query<{ id: number; class_id: number }>(
        `select c.id, c.class_id from chats c join classes k on k.id = c.class_id
         where k.class_teacher_id = $1 and c.structural_key like '%:parents' order by c.id limit 1`,
        [teacherId],
      )
    ).rows[0]!;
    const parents = await ids(
      `select g.parent_id as id from guardianships g join users s on s.id = g.student_id
       where s.class_id = ${classChat.class_id} order by g.parent_id limit 3`,
    );
    const students = await ids(`select id from users where class_id is not null order by id limit 12`);
    const colleagues = await ids(
      `select id from users where login like 'teacher%' and id <> ${teacherId} limit 10`,
    );
    const teacher = await logIn(baseUrl, 'teacher04');
    const own: [string, number[]][] = [
      ['Кружок робототехники', students],
      ['Методобъединение начальных классов', colleagues],
      ['Подготовка к олимпиаде', students.slice(0, 6)],
    ];
    for (const [title, memberIds] of own) await teacher.expect(201, '/api/chats', { title, memberIds });
    for (const userId of parents.slice(1, 3)) await teacher.expect(200, '/api/chats/direct', { userId });
    const parentLogin = (
      await db.query<{ login: string }>('select login from users where id = $1', [parents[0]])
    ).rows[0]!.login;
    const parent = await logIn(baseUrl, parentLogin);
    const people: Searcher[] = [];
    for (const [label, login, client, userId] of [
      ['teacher', 'teacher04', teacher, teacherId],
      ['parent', parentLogin, parent, parents[0]!],
    ] as const) {
      const chats = await chatsOf(client);
      people.push({ label, login, userId, client, chatIds: chats.map((c) => c.id), oneChatId: classChat.id });
    }
    return people;
  } finally {
    await db.end();
  }
}
