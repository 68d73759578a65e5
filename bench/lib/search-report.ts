import type { Explained } from './search-explain.js';
import type { LoadReport } from './search-generate.js';
import type { Sample } from './search-measure.js';
import { summarize } from './stats.js';

export const log = (line: string) => console.error(line);

const round = (value: number) => Math.round(value * 10) / 10;
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function describeLoad(load: LoadReport): string[] {
  const rate = Math.round(load.messages / (load.insertMs / 1000));
  return [
    `data: ${load.messages.toLocaleString('en')} messages in ${load.chats} chats over ${load.days} days, ` +
      `average body ${load.avgBodyChars.toFixed(0)} characters`,
    `insert: ${seconds(load.insertMs)} (${rate.toLocaleString('en')} rows/s, search column computed on insert)`,
    `indexes: ${load.indexMs.map(([name, ms]) => `${name} ${seconds(ms)}`).join(', ')}; vacuum + analyze ${seconds(load.vacuumAnalyzeMs)}`,
    `sizes: table ${mib(load.tableBytes)} (heap + TOAST); ` +
      load.indexBytes.map(([name, bytes]) => `${name} ${mib(bytes)}`).join(', '),
    load.dictionary
      ? `dictionary: ${load.dictionary.words.toLocaleString('en')} words, ${mib(load.dictionary.bytes)} with its index, filled in ${seconds(load.dictionary.ms)}`
      : 'dictionary: none (a server before migration 0007)',
  ];
}

export interface Row {
  person: string;
  kind: string;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  n: number;
  /** hits per page returned (min–max) */
  results: string;
  /** FTS matches the person can read, per variant */
  matches: string;
}

const range = (values: number[]) => {
  const low = Math.min(...values);
  const high = Math.max(...values);
  return low === high ? String(low) : `${low}–${high}`;
};

/** p50/p95/p99/max per (person, kind) and per person overall. */
export function latencyRows(samples: Sample[]): Row[] {
  const groups = new Map<string, Sample[]>();
  for (const sample of samples) {
    for (const key of [
      `${sample.probe.person.label}\u0000${sample.probe.kind.name}`,
      `${sample.probe.person.label}\u0000all`,
    ]) {
      groups.set(key, [...(groups.get(key) ?? []), sample]);
    }
  }
  const people = [...new Set(samples.map((sample) => sample.probe.person.label))];
  const rank = ([key]: [string, Sample[]]) =>
    people.indexOf(key.split('\u0000')[0]!) * 2 + Number(key.endsWith('\u0000all'));
  return [...groups]
    .sort((a, b) => rank(a) - rank(b))
    .map(([key, group]) => {
      const [person, kind] = key.split('\u0000') as [string, string];
      const s = summarize(group.map((sample) => sample.ms));
      const perVariant = new Map(group.map((sample) => [sample.probe.q, sample.probe.hits]));
      return {
        person,
        kind,
        p50: round(s.p50),
        p95: round(s.p95),
        p99: round(s.p99),
        max: round(s.max),
        n: s.count,
        results: range(group.map((sample) => sample.results)),
        matches: kind === 'all' ? '' : [...perVariant.values()].join(' / '),
      };
    });
}

export function formatRows(rows: Row[]): string[] {
  const header =
    'person   kind                        p50     p95     p99     max    n    hits/page  FTS matches';
  return [
    header,
    ...rows.map(
      (row) =>
        `${row.person.padEnd(8)} ${row.kind.padEnd(26)} ${[row.p50, row.p95, row.p99, row.max]
          .map((v) => v.toFixed(1).padStart(7))
          .join(' ')} ${String(row.n).padStart(4)}  ${row.results.padStart(9)}  ${row.matches}`,
    ),
  ];
}

/** Each statement of a search with its time, then the plan of the slowest one. */
export function planSummary(explained: Explained[], maxLines = 40): string[] {
  const lines: string[] = [];
  for (const { probe, statements } of explained) {
    const total = statements.reduce((sum, s) => sum + s.ms, 0);
    lines.push(
      `EXPLAIN (ANALYZE, BUFFERS) — ${probe.person.label}, ${probe.kind.name}, «${probe.q}»` +
        ` (${statements.length} statements, ${total.toFixed(1)} ms in PostgreSQL):`,
    );
    for (const s of statements) lines.push(`  ${s.ms.toFixed(1).padStart(7)} ms  ${s.sql.slice(0, 110)}`);
    const slowest = statements.reduce((a, b) => (b.ms > a.ms ? b : a));
    const kept = slowest.plan.filter((line) => !/^\s*(Output|Sort Key|Cache Key|Cache Mode):/.test(line));
    lines.push('  slowest:', ...kept.slice(0, maxLines).map((line) => `    ${line}`));
    if (kept.length > maxLines) lines.push(`    … ${kept.length - maxLines} more lines`);
  }
  return lines;
}
