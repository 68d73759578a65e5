import { closeSync, constants, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { tryLock } from 'fs-native-extensions';
import { FatalError } from '../infra/fatal.js';

/**
 * Holds the data directory for this process: an exclusive lock on an open
 * file, which the kernel drops when the process ends however it ends
 * (kill -9, a crash, the container stopping). A pid written into a file
 * could not tell a dead Parta from a new process that got its pid — always
 * the case for Parta as PID 1 in a container. The lock belongs to the open
 * file, not to the pid, so it also holds across pid namespaces sharing the
 * folder, and a second start in the same process is refused too.
 *
 * The file stays on disk after release: deleting it would let one Parta
 * lock the old file while another creates and locks a new one.
 */
export async function lockDataDir(lockFile: string, dataDir: string): Promise<{ release(): void }> {
  await mkdir(path.dirname(lockFile), { recursive: true });
  const fd = openSync(lockFile, constants.O_RDWR | constants.O_CREAT, 0o644);
  let locked: boolean;
  try {
    locked = tryLock(fd);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  if (!locked) {
    closeSync(fd);
    // The pid is only a hint for the person: it may be in another container's pid namespace.
    const owner = readFileSync(lockFile, 'utf8').trim() || 'unknown';
    throw new FatalError(
      `Another Parta (pid ${owner}) is already using ${path.resolve(dataDir)}. Stop it first.`,
    );
  }
  ftruncateSync(fd);
  writeSync(fd, `${process.pid}\n`, 0);
  let held = true;
  return {
    release() {
      if (!held) return;
      held = false;
      closeSync(fd); // closing the only descriptor of the open file drops the lock
    },
  };
}
