import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Every non-test TypeScript file under `dir`, as path (relative to `base`) → source. */
export function readSources(base: string, dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (at: string) => {
    for (const entry of readdirSync(path.join(base, at), { withFileTypes: true })) {
      const rel = path.posix.join(at, entry.name);
      if (entry.isDirectory()) walk(rel);
      else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
        files.set(rel, readFileSync(path.join(base, rel), 'utf8'));
      }
    }
  };
  walk(dir);
  return files;
}

const importPattern =
  /(?:^|[\s;])(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm;

/** The relative specifiers a source imports (static, re-exported or dynamic). */
export function importsOf(source: string): string[] {
  return [...source.matchAll(importPattern)]
    .map((match) => match[1] ?? match[2] ?? match[3]!)
    .filter((specifier) => specifier.startsWith('.'));
}

const domainOf = (file: string) => /^server\/src\/domains\/([^/]+)\//.exec(file)?.[1];

/**
 * Domain → the other domains its files import, each edge with the files that
 * make it (for the message).
 */
export function domainGraph(files: Map<string, string>): Map<string, Map<string, string[]>> {
  const graph = new Map<string, Map<string, string[]>>();
  for (const [file, source] of files) {
    const from = domainOf(file);
    if (!from) continue;
    const edges = graph.get(from) ?? new Map<string, string[]>();
    graph.set(from, edges);
    for (const specifier of importsOf(source)) {
      const to = domainOf(path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier)));
      if (!to || to === from) continue;
      edges.set(to, [...(edges.get(to) ?? []), file]);
    }
  }
  return graph;
}

/** A cycle of domains (first = last), or null: depth-first, without the allowed edges. */
export function findCycle(
  graph: Map<string, Map<string, string[]>>,
  allowed: ReadonlySet<string>,
): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | null => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of [...(graph.get(node)?.keys() ?? [])].sort()) {
      if (allowed.has(`${node}→${next}`)) continue;
      if (state.get(next) === 'open') return [...stack.slice(stack.indexOf(next)), next];
      if (!state.has(next)) {
        const found = visit(next);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of [...graph.keys()].sort()) {
    if (state.has(node)) continue;
    const found = visit(node);
    if (found) return found;
  }
  return null;
}

/** Files that call a bus's `publish(` (the runner, and the buses themselves). */
export function publishers(files: Map<string, string>): string[] {
  return [...files].filter(([, source]) => /\.publish\(/.test(source)).map(([file]) => file);
}
