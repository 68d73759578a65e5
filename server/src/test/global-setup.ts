import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import type { TestProject } from 'vitest/node';
import { connect } from '../db/client.js';
import { startEmbeddedDatabase } from '../db/embedded.js';
import { migrateDatabase } from '../db/migrate.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of a maintenance database on the server this project tests against */
    pgAdminUrl: string;
    /** name of the migrated template each test file copies */
    pgTemplate: string;
  }
}

/** per run: two checkouts testing against one PostgreSQL must not drop each other's template */
const TEMPLATE = `parta_test_template_${process.pid}`;

/**
 * Once per integration project: brings up its PostgreSQL and builds a migrated
 * template database; each test file then gets a copy (`CREATE DATABASE … TEMPLATE`).
 */
export default async function setup(project: TestProject) {
  let stop = async () => {};
  let adminUrl: string;
  if (project.name === 'pg-embedded') {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'parta-test-pg-'));
    // mkdtemp makes the folder private; as root, PostgreSQL runs as `postgres` and must enter it,
    // or Parta would move the data under /var/lib/parta and this teardown would leave it there.
    await chmod(dataDir, 0o755);
    const embedded = await startEmbeddedDatabase({
      dataDir: path.join(dataDir, 'pg'),
      logger: pino({ level: 'warn' }),
    });
    adminUrl = embedded.adminUrl;
    stop = async () => {
      await embedded.stop();
      await rm(dataDir, { recursive: true, force: true });
    };
  } else {
    adminUrl = process.env.PARTA_TEST_SYSTEM_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${TEMPLATE} with (force)`);
  await admin.query(`create database ${TEMPLATE}`);
  await admin.end();
  const templateUrl = withDatabase(adminUrl, TEMPLATE);
  const { pool } = connect(templateUrl, 1);
  await migrateDatabase(pool);
  await pool.end();
  project.provide('pgAdminUrl', adminUrl);
  project.provide('pgTemplate', TEMPLATE);
  return async () => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(`drop database if exists ${TEMPLATE} with (force)`);
    await client.end();
    await stop();
  };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
