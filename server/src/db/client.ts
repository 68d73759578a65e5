import path from 'node:path';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { FatalError } from '../infra/fatal.js';
import { startEmbeddedDatabase } from './embedded.js';
import * as schema from './schema.js';

export type Db = NodePgDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Either the database or a transaction: read helpers accept both. */
export type Queryable = Db | Tx;

export interface Database {
  readonly db: Db;
  readonly pool: pg.Pool;
  readonly embedded: boolean;
  close(): Promise<void>;
}

// BIGINT counts and ids come back as JS numbers: ours stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export function connect(url: string, max = 10): { db: Db; pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString: url, max, application_name: 'parta' });
  pool.on('error', () => {
    // An idle client lost its server (restart, network). The pool replaces it;
    // the next query reports the problem where it can be handled.
  });
  return { db: drizzle(pool, { schema }), pool };
}

/** PostgreSQL at DATABASE_URL, or Parta's own embedded server under the data dir. */
export async function openDatabase(config: Config, logger: Logger): Promise<Database> {
  const embedded = config.databaseUrl
    ? null
    : await startEmbeddedDatabase({
        dataDir: path.join(config.dataDir, 'pg'),
        logger,
        onGiveUp: (reason) => {
          // A supervisor (systemd, Docker) then starts Parta, and with it PostgreSQL, anew.
          logger.fatal(`${reason}: Parta stops`);
          process.exit(1);
        },
      });
  const url = config.databaseUrl ?? embedded!.url;
  const { db, pool } = connect(url, config.dbPoolSize);
  try {
    await pool.query('select 1');
  } catch (error) {
    await pool.end();
    await embedded?.stop();
    throw new FatalError(`Cannot connect to PostgreSQL: ${(error as Error).message}`);
  }
  return {
    db,
    pool,
    embedded: embedded !== null,
    async close() {
      await pool.end();
      await embedded?.stop();
    },
  };
}
