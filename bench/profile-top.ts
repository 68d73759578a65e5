/**
 * Summarises a V8 CPU profile (`node --cpu-prof`, e.g. from
 * `ws-fanout.ts --cpu-prof DIR`): where the main thread spent its busy time,
 * by area (a package, a folder of the server, Node's internals, GC) and by
 * function, counting self time only.
 *
 *   npx tsx bench/profile-top.ts /tmp/prof/CPU.20261125.….cpuprofile --top 25
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { cli, numberOption } from './lib/cli.js';

const usage = 'Usage: npx tsx bench/profile-top.ts FILE.cpuprofile [--top 20]';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const { values, positionals } = cli(usage, () =>
  parseArgs({
    allowPositionals: true,
    options: { help: { type: 'boolean', default: false }, top: { type: 'string', default: '20' } },
  }),
);
if (positionals.length !== 1) {
  console.error(usage);
  process.exit(2);
}
const top = Math.round(numberOption('top', values.top, 1, 500));
const profile = JSON.parse(readFileSync(positionals[0]!, 'utf8')) as Profile;

const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => {
  selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});

/** the package, server folder or runtime part a function belongs to */
function area(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  const pkg = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (pkg) return pkg[1]!;
  const parta =
    url.match(/\/(server|protocol)\/dist\/(.+?)\/[^/]+$/) ?? url.match(/\/(server|protocol)\/dist\//);
  if (parta) return `parta ${parta[1]}${parta[2] ? `/${parta[2]}` : ''}`;
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  return url;
}

const areas = new Map<string, number>();
const functions = new Map<string, number>();
let idle = 0;
let total = 0;
for (const [id, us] of selfUs) {
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  total += us;
  if (functionName === '(idle)') {
    idle += us;
    continue;
  }
  const where = area(url, functionName);
  areas.set(where, (areas.get(where) ?? 0) + us);
  const label = `${functionName || '(anonymous)'}  ${url ? `${url.split('/').slice(-2).join('/')}:${lineNumber + 1}` : ''}`;
  functions.set(label, (functions.get(label) ?? 0) + us);
}

const busy = total - idle;
const ms = (us: number) => (us / 1000).toFixed(0).padStart(7);
const share = (us: number) => `${((us / busy) * 100).toFixed(1).padStart(5)}%`;
const table = (title: string, rows: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [label, us] of [...rows].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${ms(us)} ms ${share(us)}  ${label}`);
  }
};
console.log(
  `sampled ${(total / 1e6).toFixed(1)} s: busy ${(busy / 1e6).toFixed(1)} s, idle ${(idle / 1e6).toFixed(1)} s`,
);
table('self time by area (share of busy time)', areas);
table('self time by function', functions);
