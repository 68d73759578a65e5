import { readdirSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import type { RunnerTask, RunnerTestFile } from 'vitest';
import type { TestProject } from 'vitest/node';
import { connect } from '../db/client.js';
import { startEmbeddedDatabase } from '../db/embedded.js';
import { migrateDatabase } from '../db/migrate.js';
import { missingErrorCodes } from './error-codes.js';

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
  const errorCodesDir = await mkdtemp(path.join(os.tmpdir(), 'parta-error-codes-'));
  project.provide('errorCodesDir', errorCodesDir);
  return async () => {
    checkErrorCodes(project, errorCodesDir);
    await rm(errorCodesDir, { recursive: true, force: true });
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

const root = path.resolve(import.meta.dirname, '../../..');

/**
 * After a whole run of the project (every integration file, no test left
 * out by a filter) — or any run with PARTA_CHECK_ERROR_CODES=1 — fails the
 * run when a code of the protocol was answered by no test (error-codes.ts).
 */
function checkErrorCodes(project: TestProject, dir: string): void {
  const files = project.vitest.state.getFiles().filter((file) => file.projectName === project.name);
  const ran = new Set(files.map((file) => path.relative(root, file.filepath)));
  const all = readdirSync(path.join(root, 'server/src'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.int.test.ts'))
    .map((file) => path.join('server/src', file));
  const whole = all.every((file) => ran.has(file)) && !files.some(leftOut);
  if (!whole && process.env.PARTA_CHECK_ERROR_CODES !== '1') return;
  const missing = missingErrorCodes(dir, root);
  if (missing.length === 0) return;
  console.error(`${project.name}: no test was answered these error codes: ${missing.join(', ')}`);
  process.exitCode = 1;
}

function leftOut(task: RunnerTask | RunnerTestFile): boolean {
  if (task.mode === 'skip' || task.mode === 'todo') return true;
  return 'tasks' in task && task.tasks.some(leftOut);
}
