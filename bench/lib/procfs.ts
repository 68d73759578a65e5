import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Linux /proc readings of a process tree: memory and CPU of the server and its PostgreSQL. */

let ticksPerSecond: number | undefined;

function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

function read(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null; // the process has exited meanwhile
  }
}

/** Fields of /proc/<pid>/stat after the `(comm)`: [0] is the state, [1] the parent pid. */
function statFields(pid: number): string[] | null {
  const stat = read(`/proc/${pid}/stat`);
  return stat ? stat.slice(stat.lastIndexOf(')') + 2).split(' ') : null;
}

export function commandLine(pid: number): string {
  return (read(`/proc/${pid}/cmdline`) ?? '').replaceAll('\0', ' ').trim();
}

/** `root` and every process below it. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const parent = Number(statFields(Number(name))?.[1]);
    if (!Number.isFinite(parent)) continue;
    children.set(parent, [...(children.get(parent) ?? []), Number(name)]);
  }
  const tree: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    if (read(`/proc/${pid}/stat`) === null) continue;
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/** Processes whose command line mentions `text` (PostgreSQL processes by their data directory). */
export function processesMentioning(text: string): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => pid !== process.pid && commandLine(pid).includes(text));
}

/** A `kB` field of /proc/<pid>/status (VmRSS, VmHWM…); 0 once the process has gone. */
export function statusKb(pid: number, field: string): number {
  const match = read(`/proc/${pid}/status`)?.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
  return match ? Number(match[1]) : 0;
}

/** Proportional set size: shared pages (PostgreSQL's shared buffers, libraries) split between their users. */
function pssKb(pid: number): number {
  const match = read(`/proc/${pid}/smaps_rollup`)?.match(/^Pss:\s+(\d+) kB/m);
  return match ? Number(match[1]) : 0;
}

export interface Memory {
  pid: number;
  command: string;
  rssKb: number;
  pssKb: number;
}

export function memoryOf(pids: number[]): Memory[] {
  return pids.map((pid) => ({
    pid,
    command: commandLine(pid).slice(0, 80),
    rssKb: statusKb(pid, 'VmRSS'),
    pssKb: pssKb(pid),
  }));
}

/**
 * CPU seconds used so far by the processes themselves (`own`) and in total,
 * counting their children that have already exited and been waited for
 * (PostgreSQL backends that closed are in the postmaster's count).
 */
export function cpuSeconds(pids: number[]): { own: number; total: number } {
  let own = 0;
  let total = 0;
  for (const pid of pids) {
    const fields = statFields(pid);
    if (!fields) continue;
    // utime, stime, cutime, cstime are fields 14–17 of stat, i.e. [11..14] here.
    const [utime, stime, cutime, cstime] = [11, 12, 13, 14].map((i) => Number(fields[i]));
    own += utime! + stime!;
    total += utime! + stime! + cutime! + cstime!;
  }
  return { own: own / clockTicks(), total: total / clockTicks() };
}

interface ProcessTicks {
  /** from stat's `(comm)`; a kernel worker's changes with the work it is doing */
  command: string;
  ticks: number;
  /** when it started: a pid used again is another process */
  startedAt: string;
}

/** Every process's own CPU ticks so far, with its command name. */
export function cpuTicksByProcess(): Map<number, ProcessTicks> {
  const all = new Map<number, ProcessTicks>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = read(`/proc/${name}/stat`);
    if (!stat) continue;
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const command = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    all.set(Number(name), {
      command,
      ticks: Number(fields[11]) + Number(fields[12]),
      startedAt: fields[19]!,
    });
  }
  return all;
}

/**
 * Which other programs used the CPU between two `cpuTicksByProcess`
 * readings, by command name, most first (processes that ended meanwhile
 * are not seen). Shows who shared the machine with a measurement: another
 * test suite, or a service that wakes up now and then.
 */
export function busiestOthers(
  before: Map<number, ProcessTicks>,
  after: Map<number, ProcessTicks>,
  exclude: number[],
  top = 3,
): { command: string; seconds: number }[] {
  const excluded = new Set(exclude);
  const byCommand = new Map<string, number>();
  for (const [pid, { command, ticks, startedAt }] of after) {
    if (excluded.has(pid)) continue;
    const earlier = before.get(pid);
    const used = ticks - (earlier?.startedAt === startedAt ? earlier.ticks : 0);
    if (used > 0) byCommand.set(command, (byCommand.get(command) ?? 0) + used);
  }
  return [...byCommand]
    .map(([command, ticks]) => ({ command, seconds: Math.round((ticks / clockTicks()) * 100) / 100 }))
    .filter(({ seconds }) => seconds >= 0.05)
    .sort((a, b) => b.seconds - a.seconds)
    .slice(0, top);
}

/** CPU seconds all processes of the machine have used since boot (busy time summed over cores). */
export function machineCpuSeconds(): number {
  const fields = (read('/proc/stat') ?? '').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
  return (user + nice + system + irq + softirq + steal) / clockTicks();
}

/**
 * Waits (at most `maxSeconds`) until the machine's other work uses less than
 * `threshold` cores over a one-second sample, so that a measurement does not
 * compete with a test suite running beside it. Returns the last sample.
 */
export async function waitForQuiet(
  maxSeconds: number,
  threshold = 0.25,
): Promise<{ busyCores: number; waitedS: number }> {
  const begun = performance.now();
  for (;;) {
    const before = machineCpuSeconds();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const busyCores = machineCpuSeconds() - before;
    const waitedS = Math.round((performance.now() - begun) / 1000);
    if (busyCores < threshold || waitedS >= maxSeconds)
      return { busyCores: Math.round(busyCores * 100) / 100, waitedS };
  }
}
