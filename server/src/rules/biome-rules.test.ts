import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';

/**
 * The house rules in biome.json fail the build: each one is shown failing on
 * a planted file, in a scratch tree that carries the project's own biome.json
 * (so the `includes` paths match as they do in the repository), and a clean
 * file of each kind passes. One Biome run for all of them (well under a second).
 */
const root = fileURLToPath(new URL('../../../', import.meta.url));
const biome = path.join(root, 'node_modules/.bin/biome');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'parta-rules-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const line = (n: number) => Array.from({ length: n }, (_, i) => `export const v${i} = ${i};`).join('\n');

/** path → [source, the rule it must break (null: must pass)] */
const planted: Record<string, [string, string | null]> = {
  'web/src/bad.ts': [
    "import { buildApp } from '../../server/src/app.js';\nexport const x = buildApp;",
    'noRestrictedImports',
  ],
  'web/src/bad-package.ts': [
    "import { x } from '@parta/server';\nexport const y = x;",
    'noRestrictedImports',
  ],
  'web/src/good.ts': ["import { ZId } from '@parta/protocol';\nexport const x = ZId;", null],
  'protocol/src/bad.ts': ["import { sql } from 'drizzle-orm';\nexport const x = sql;", 'noRestrictedImports'],
  'protocol/src/good.ts': [
    "import { z } from 'zod';\nimport { ZId } from './common.js';\nexport const x = [z, ZId];",
    null,
  ],
  'server/src/infra/bad.ts': [
    "import { listInvites } from '../domains/invites/queries.js';\nexport const x = listInvites;",
    'noRestrictedImports',
  ],
  'server/src/infra/good.ts': ["import { sql } from 'drizzle-orm';\nexport const x = sql;", null],
  'server/src/domains/x/policy.ts': [
    "import { sql } from 'drizzle-orm';\nexport const x = sql;",
    'noRestrictedImports',
  ],
  'server/src/domains/y/policy.ts': [
    "import type { Tx } from '../../db/client.js';\nexport type X = Tx;",
    'noRestrictedImports',
  ],
  'server/src/domains/a/one.ts': [
    "import { b } from '../b/two.js';\nexport const a = () => b;",
    'noImportCycles',
  ],
  'server/src/domains/b/two.ts': [
    "import { a } from '../a/one.js';\nexport const b = () => a;",
    'noImportCycles',
  ],
  'server/src/domains/z/routes.ts': [line(301), 'noExcessiveLinesPerFile'],
  'server/src/domains/z/queries.ts': [line(400), null],
  'server/src/domains/z/policy.ts': [line(301), 'noExcessiveLinesPerFile'],
  'server/src/domains/w/queries.ts': [line(401), 'noExcessiveLinesPerFile'],
  'server/src/domains/w/actions/bigAction.ts': [line(201), 'noExcessiveLinesPerFile'],
  'server/src/domains/w/actions.ts': [line(400), null],
};

function lint(): Map<string, Set<string>> {
  const config = JSON.parse(readFileSync(path.join(root, 'biome.json'), 'utf8'));
  config.$schema = undefined;
  writeFileSync(path.join(scratch, 'biome.json'), JSON.stringify(config));
  for (const [file, [source]] of Object.entries(planted)) {
    mkdirSync(path.dirname(path.join(scratch, file)), { recursive: true });
    writeFileSync(path.join(scratch, file), `${source}\n`);
  }
  const run = spawnSync(
    biome,
    ['lint', '--vcs-enabled=false', '--reporter=json', '--max-diagnostics=none', '.'],
    {
      cwd: scratch,
      encoding: 'utf8',
    },
  );
  const report = JSON.parse(run.stdout) as {
    diagnostics: { category: string; location: { path: string } }[];
  };
  const broken = new Map<string, Set<string>>();
  for (const d of report.diagnostics) {
    const rules = broken.get(d.location.path) ?? new Set();
    rules.add(d.category.split('/').pop()!);
    broken.set(d.location.path, rules);
  }
  return broken;
}

const broken = lint();

it.each(Object.entries(planted))('%s', (file, [, rule]) => {
  expect([...(broken.get(file) ?? [])]).toEqual(rule ? [rule] : []);
});
