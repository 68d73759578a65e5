import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deployDir } from './test/deploy-files.js';

// `systemd-analyze verify` on deploy/parta.service. It reports unknown keys and
// bad values on stderr but still exits 0, so a clean stderr is the check.
// Needs systemd-analyze (Debian's systemd; scripts/test.mjs installs it in CI).

const analyze = process.env.PARTA_SYSTEMD_ANALYZE ?? '/usr/bin/systemd-analyze';
const dir = mkdtempSync(path.join(os.tmpdir(), 'parta-unit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const unit = readFileSync(path.join(deployDir, 'parta.service'), 'utf8');

function verify(text: string) {
  const file = path.join(dir, 'parta.service');
  writeFileSync(file, text);
  const result = spawnSync(analyze, ['verify', file], { encoding: 'utf8' });
  return { status: result.status, output: result.stderr + result.stdout };
}

describe('deploy/parta.service', () => {
  it('passes systemd-analyze verify without a remark', () => {
    expect(verify(unit)).toEqual({ status: 0, output: '' });
  });

  it('is really read: a misspelt key and a bad value are reported', () => {
    const broken = unit
      .replace('ProtectHome=yes', 'ProtectHomme=yes')
      .replace('Restart=on-failure', 'Restart=often');
    const { output } = verify(broken);
    expect(output).toContain("Unknown key 'ProtectHomme'");
    expect(output).toContain('often');
  });
});
