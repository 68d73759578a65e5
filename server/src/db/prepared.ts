import type pg from 'pg';
import type { Queryable } from './client.js';

/**
 * A statement PostgreSQL parses and plans once per connection, for the few
 * that every request or every message runs (session lookup, posting). drizzle
 * sends each query unnamed, so PostgreSQL plans it every time; on a post that
 * was 40 % of the database's time (docs/performance.md). Everything else stays
 * with drizzle's builders: this is for the hot path only.
 *
 * `text` uses $1, $2, …; values go through node-postgres as usual (a Date as a
 * timestamp, an array as an array, an object as JSON). Rows come back with
 * node-postgres' parsers (timestamptz as Date).
 */
export interface Statement<Row> {
  readonly name: string;
  readonly text: string;
  /** never set: carries the row type */
  readonly row?: Row;
}

const names = new Set<string>();

export function statement<Row>(name: string, text: string): Statement<Row> {
  // node-postgres keys a connection's prepared statements by name alone.
  if (names.has(name)) throw new Error(`statement ${name} is defined twice`);
  names.add(name);
  return { name, text };
}

export async function run<Row>(db: Queryable, statement: Statement<Row>, values: unknown[]): Promise<Row[]> {
  const result = await clientOf(db).query<Row & pg.QueryResultRow>({
    name: statement.name,
    text: statement.text,
    values,
  });
  return result.rows;
}

/**
 * The pool, or inside a transaction its connection. drizzle keeps it in the
 * session as a private field; a change there fails every test that posts.
 */
function clientOf(db: Queryable): pg.Pool | pg.PoolClient {
  return (db._.session as unknown as { client: pg.Pool | pg.PoolClient }).client;
}
