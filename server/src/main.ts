#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { setupRoles, ZSetupRequest } from '@parta/protocol';
import type { Logger } from 'pino';
import { omit } from 'zod/mini';
import { buildApp } from './app.js';
import { type Config, loadConfig, redactConfig, settingFlags } from './config.js';
import { seedDemoWeek } from './demo-week.js';
import { newPasswordHash } from './domains/auth/password-rules.js';
import { hashPassword } from './domains/auth/secrets.js';
import { seedDemoSchool, setUpSchool } from './domains/org/actions/index.js';
import { isSetUp } from './domains/org/queries.js';
import { errorMessage } from './i18n/index.js';
import { ActionRunner } from './infra/actions.js';
import { systemClock } from './infra/clock.js';
import { AppError } from './infra/errors.js';
import { FatalError } from './infra/fatal.js';
import { createLogger, loggableError } from './infra/logger.js';
import { openRuntime } from './runtime.js';

const usage = `Usage: parta <command> [--setting value …]

Commands:
  serve     start the server (default)
  migrate   apply database migrations and exit
  demo      fill an empty installation with a fictional school (22 classes, ~1,300 people)
            and a week of its conversation (staff, 5А's parents and students, school news);
            every demo account's password is --admin-password or PARTA_ADMIN_PASSWORD (default parta-demo)
  init      create the school and its first admin, then exit:
            --school-name "…" --time-zone Europe/Moscow --admin-name "…" --admin-login … 
            password from --admin-password or the PARTA_ADMIN_PASSWORD variable

Settings (flag or environment variable): --port PARTA_PORT, --host PARTA_HOST,
  --public-url PARTA_PUBLIC_URL, --database-url DATABASE_URL (embedded PostgreSQL
  under the data dir when absent), --data-dir PARTA_DATA_DIR, --redis-url REDIS_URL,
  --log-level PARTA_LOG_LEVEL, --body-limit PARTA_BODY_LIMIT, --trusted-proxies PARTA_TRUSTED_PROXIES,
  --db-pool-size PARTA_DB_POOL_SIZE, --api-docs PARTA_API_DOCS, --metrics-token PARTA_METRICS_TOKEN`;

const initFlags = ['school-name', 'time-zone', 'admin-name', 'admin-login', 'admin-password'];

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: Object.fromEntries(
      [...settingFlags, ...initFlags, 'help'].map((flag) => [
        flag,
        { type: flag === 'help' ? 'boolean' : 'string' },
      ]),
    ) as Record<string, { type: 'string' | 'boolean' }>,
  }).valueOf() as { values: Record<string, string | boolean>; positionals: string[] };
  const command = positionals[0] ?? 'serve';
  if (values.help || !['serve', 'migrate', 'init', 'demo'].includes(command)) {
    console.log(usage);
    if (!values.help) process.exitCode = 1;
    return;
  }
  const flags = Object.fromEntries(Object.entries(values).filter(([, v]) => typeof v === 'string')) as Record<
    string,
    string
  >;
  const config = loadConfig(process.env, flags);
  const logger = createLogger(config.logLevel);
  logger.info({ config: redactConfig(config) }, `parta ${command}`);
  if (command === 'serve') await serve(config, logger);
  else if (command === 'migrate') await (await openRuntime(config, logger)).close();
  else if (command === 'demo') await demo(config, logger, flags);
  else await init(config, logger, flags);
}

async function serve(config: Config, logger: Logger): Promise<void> {
  const runtime = await openRuntime(config, logger);
  const { app } = await buildApp({ config, logger, clock: systemClock, ...runtime });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    await app.close();
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await runtime.close();
    throw new FatalError(`Cannot listen on ${config.host}:${config.port}: ${(error as Error).message}`);
  }
  logger.info(`Parta is ready at ${config.publicUrl}`);
  if (!(await isSetUp(runtime.database.db))) {
    // The one way to the first-run wizard: whoever reads the server's log, not whoever finds the page first.
    logger.warn(`First run (Первый запуск): open ${config.publicUrl}/setup?code=${config.setupToken}`);
  }
}

async function init(config: Config, logger: Logger, flags: Record<string, string>): Promise<void> {
  // The operator at the command line needs no first-run code.
  const parsed = omit(ZSetupRequest, { setupToken: true }).safeParse({
    schoolName: flags['school-name'],
    timeZone: flags['time-zone'] ?? 'Europe/Moscow',
    adminName: flags['admin-name'],
    login: flags['admin-login'],
    password: flags['admin-password'] ?? process.env.PARTA_ADMIN_PASSWORD,
  });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${String(issue.path[0])}: ${issue.message}`);
    throw new FatalError(`parta init: ${lines.join('\n')}\n\n${usage}`);
  }
  const runtime = await openRuntime(config, logger);
  try {
    const actions = new ActionRunner({
      db: runtime.database.db,
      bus: runtime.bus,
      clock: systemClock,
      logger,
    });
    const { password, ...school } = parsed.data;
    await actions.run({ kind: 'system' }, setUpSchool, {
      ...school,
      passwordHash: await newPasswordHash(password, setupRoles),
      device: 'parta init',
    });
    console.log(
      `School «${parsed.data.schoolName}» created. Log in at ${config.publicUrl} as ${parsed.data.login}.`,
    );
  } finally {
    await runtime.close();
  }
}

async function demo(config: Config, logger: Logger, flags: Record<string, string>): Promise<void> {
  const password = flags['admin-password'] ?? process.env.PARTA_ADMIN_PASSWORD ?? 'parta-demo';
  const runtime = await openRuntime(config, logger);
  try {
    const actions = new ActionRunner({
      db: runtime.database.db,
      bus: runtime.bus,
      clock: systemClock,
      logger,
    });
    const { schoolId, people } = await actions.run({ kind: 'system' }, seedDemoSchool, {
      passwordHash: await hashPassword(password),
    });
    const { messages } = await seedDemoWeek(
      { db: runtime.database.db, bus: runtime.bus, logger },
      schoolId,
      systemClock.now(),
    );
    console.log(
      `Demo school created: ${people} people, a week of ${messages} messages. Log in at ${config.publicUrl} as admin, director, ` +
        `teacher04, parent0001 or student0001 with the password «${password}».`,
    );
  } finally {
    await runtime.close();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof FatalError) {
    console.error(error.message);
  } else if (error instanceof AppError) {
    console.error(`parta: ${errorMessage('en', error.code, error.params)}`);
  } else if (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
    console.error(`${error.message}\n\n${usage}`);
  } else {
    console.error('parta: unexpected error', loggableError(error));
  }
  process.exit(1);
});
