import { embeddedDatabaseUrl } from './lock-watch.js';
import { processTree } from './procfs.js';
import {
  assertBuilt,
  createScratchDatabase,
  embeddedDataDir,
  freePort,
  removeScratch,
  type ServerProcess,
  scratchDir,
  spawnParta,
  stopParta,
  waitHealthy,
} from './server.js';

/** Undo steps, run in reverse order when the bench ends. */
export type Cleanups = (() => Promise<void> | void)[];

export interface Spawned {
  baseUrl: string;
  process: ServerProcess;
  /** the server's database, for the lock watch */
  databaseUrl: string | null;
}

/**
 * Starts a Parta server on a free port with a scratch data folder (and a
 * scratch database for `db` other than "embedded"). `onLogFile` learns the
 * log file before the server starts, so a failed start can still show it.
 */
export async function startServer(
  cleanups: Cleanups,
  options: { db: string; logLevel: string; cpuProfileDir?: string | undefined },
  onLogFile: (file: string) => void,
  log: (line: string) => void,
): Promise<Spawned> {
  assertBuilt();
  const scratch = scratchDir('parta-fanout-');
  const dataDir = `${scratch}/data`;
  const logFile = `${scratch}/server.log`;
  cleanups.push(() => removeScratch(scratch, dataDir, logFile));
  onLogFile(logFile);
  let databaseUrl: string | undefined;
  if (options.db !== 'embedded') {
    const database = await createScratchDatabase(options.db);
    cleanups.push(() => database.drop());
    databaseUrl = database.url;
  }
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const spawned = spawnParta({
    command: 'serve',
    dataDir,
    databaseUrl,
    port,
    logFile,
    logLevel: options.logLevel,
    nodeArgs: options.cpuProfileDir ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProfileDir] : [],
  });
  cleanups.push(() => stopParta(spawned, processTree(spawned.pid)).then(() => undefined));
  await waitHealthy(baseUrl, spawned);
  log(`server: ${baseUrl} (pid ${spawned.pid}, database ${options.db}, log level ${options.logLevel})`);
  return {
    baseUrl,
    process: spawned,
    databaseUrl: databaseUrl ?? embeddedDatabaseUrl(embeddedDataDir(dataDir, logFile)),
  };
}
