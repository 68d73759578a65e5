import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { domainGraph, findCycle, publishers, readSources } from './imports.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const server = readSources(root, 'server/src');
const graph = domainGraph(server);

/**
 * Back edges of today's domain cycles, each kept for a reason written in
 * docs/architecture.md («Domains and their direction»). Nothing else may
 * close a cycle; an entry that no longer exists fails too, so the list only
 * shrinks.
 */
const allowedBackEdges = new Set([
  'chats→messages', // the chat list shows each chat's last message (messages/present.ts)
]);

describe('the domain-level import graph', () => {
  it('has no cycle between domains but the allowed ones', () => {
    expect(findCycle(graph, allowedBackEdges)).toBeNull();
  });

  it.each([...allowedBackEdges])('still needs the allowed edge %s (else drop it from the list)', (edge) => {
    const [from, to] = edge.split('→') as [string, string];
    expect(graph.get(from)?.has(to)).toBe(true);
  });

  it('has invites depend on joins, never the reverse', () => {
    expect(graph.get('invites')?.has('joins')).toBe(true);
    expect(graph.get('joins')?.get('invites')).toBeUndefined();
  });

  it('fails on a planted cycle, however the import is written', () => {
    const planted = new Map(server);
    planted.set(
      'server/src/domains/joins/planted.ts',
      "export { listInvites } from '../invites/queries.js';",
    );
    expect(findCycle(domainGraph(planted), allowedBackEdges)).toEqual(['invites', 'joins', 'invites']);
    const dynamic = new Map(server);
    dynamic.set('server/src/domains/joins/planted.ts', "const q = await import('../invites/queries.js');");
    expect(findCycle(domainGraph(dynamic), allowedBackEdges)).toEqual(['invites', 'joins', 'invites']);
    const multiline = new Map(server);
    multiline.set('server/src/domains/search/planted.ts', "import {\n  x,\n} from '../org/queries.js';");
    expect(findCycle(domainGraph(multiline), new Set())).not.toBeNull();
  });
});

describe('publishing', () => {
  /** STYLE §4.8: the runner publishes after commit; the buses carry it. Biome cannot see a method call. */
  const allowed = ['server/src/infra/actions.ts', 'server/src/infra/bus.ts', 'server/src/infra/redis-bus.ts'];

  it('happens only in the action runner (and the buses themselves)', () => {
    expect(publishers(server).filter((file) => !allowed.includes(file))).toEqual([]);
  });

  it('fails on a planted publish elsewhere', () => {
    const planted = new Map(server);
    planted.set('server/src/domains/chats/planted.ts', 'deps.bus.publish(events);');
    expect(publishers(planted).filter((file) => !allowed.includes(file))).toEqual([
      'server/src/domains/chats/planted.ts',
    ]);
  });
});
