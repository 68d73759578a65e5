import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type pg from 'pg';
import type { Probe } from './search-measure.js';
import { repoRoot } from './server.js';

interface Rendered {
  sql: string;
  params: unknown[];
}

interface Drizzle {
  dialect: { sqlToQuery(query: unknown): Rendered };
  execute(query: unknown): Promise<unknown>;
}

interface ServerModules {
  connect(url: string, max: number): { db: Drizzle; pool: pg.Pool };
  searchMessages(db: Drizzle, person: object, query: object): Promise<unknown>;
}

/** The built server's own search function and database client: the bench explains exactly what it runs. */
async function serverModules(): Promise<ServerModules> {
  const load = (file: string) => import(pathToFileURL(path.join(repoRoot, 'server/dist', file)).href);
  const [client, search] = await Promise.all([load('db/client.js'), load('domains/search/queries.js')]);
  return { connect: client.connect, searchMessages: search.searchMessages };
}

export interface Explained {
  probe: Probe;
  statements: { sql: string; ms: number; plan: string[] }[];
}

/**
 * Runs the server's `searchMessages` for a probe on a database client that
 * records every statement, then `EXPLAIN (ANALYZE, BUFFERS)` of each with
 * the same parameters.
 */
export async function explain(databaseUrl: string, schoolId: number, list: Probe[]): Promise<Explained[]> {
  const modules = await serverModules();
  const { db, pool } = modules.connect(databaseUrl, 2);
  try {
    const explained: Explained[] = [];
    for (const probe of list) {
      const captured: Rendered[] = [];
      const recording = new Proxy(db, {
        get(target, property, receiver) {
          if (property !== 'execute') return Reflect.get(target, property, receiver);
          return (query: unknown) => {
            captured.push(target.dialect.sqlToQuery(query));
            return target.execute(query);
          };
        },
      });
      const params = new URL(probe.path, 'http://x').searchParams;
      const query = {
        q: params.get('q')!,
        ...(params.has('chatId') ? { chatId: Number(params.get('chatId')) } : {}),
        ...(params.has('before') ? { before: Number(params.get('before')) } : {}),
      };
      const person = { kind: 'person', userId: probe.person.userId, schoolId, roles: [], sessionId: null };
      await modules.searchMessages(recording, person, query);
      const statements: Explained['statements'] = [];
      for (const statement of captured) {
        const result = await pool.query<{ 'QUERY PLAN': string }>(
          `explain (analyze, buffers) ${statement.sql}`,
          statement.params,
        );
        const plan = result.rows.map((row) => row['QUERY PLAN']);
        const time = plan.find((line) => line.startsWith('Execution Time'))?.match(/([\d.]+) ms/);
        const text = statement.sql.replace(/\s+/g, ' ').trim();
        statements.push({ sql: text, ms: time ? Number(time[1]) : Number.NaN, plan });
      }
      explained.push({ probe, statements });
    }
    return explained;
  } finally {
    await pool.end();
  }
}

/** How many messages the person can read match the query by full text (not timed; for the report). */
export async function fullTextMatches(db: pg.Client, chatIds: number[], q: string): Promise<number> {
  const result = await db.query<{ n: string }>(
    `select count(*) as n from messages
     where chat_id = any($1::int[]) and deleted_at is null and search @@ websearch_to_tsquery('russian', $2)`,
    [chatIds, q],
  );
  return Number(result.rows[0]!.n);
}
