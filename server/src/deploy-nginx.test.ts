import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployDir } from './test/deploy-files.js';

// `nginx -t` on deploy/nginx/parta.conf, with a self-signed certificate in place
// of certbot's. Only a test of the configuration: nginx never listens. Needs
// Debian’s nginx at /usr/sbin/nginx and /usr/bin/openssl (scripts/test.mjs installs both in CI).

const nginx = process.env.PARTA_NGINX ?? '/usr/sbin/nginx';
const dir = mkdtempSync(path.join(os.tmpdir(), 'parta-nginx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function checkSite(site: string): { status: number | null; output: string } {
  writeFileSync(path.join(dir, 'site.conf'), site);
  const result = spawnSync(nginx, ['-t', '-p', dir, '-c', path.join(dir, 'nginx.conf'), '-e', 'stderr'], {
    encoding: 'utf8',
  });
  return { status: result.status, output: result.stderr };
}

describe('deploy/nginx/parta.conf', () => {
  let site = '';
  beforeAll(() => {
    const certbotDir = '/etc/letsencrypt/live/parta.school.example';
    const request = [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=parta.test',
    ];
    const files = ['-keyout', path.join(dir, 'privkey.pem'), '-out', path.join(dir, 'fullchain.pem')];
    execFileSync('/usr/bin/openssl', [...request, ...files], { stdio: 'ignore' });
    mkdirSync(path.join(dir, 'temp'));
    const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(
      (kind) => `${kind}_temp_path ${dir}/temp;`,
    );
    const http = ['access_log off;', ...temp, `include ${dir}/site.conf;`];
    writeFileSync(
      path.join(dir, 'nginx.conf'),
      [`pid ${dir}/nginx.pid;`, 'events {}', 'http {', ...http, '}'].join('\n'),
    );
    site = readFileSync(path.join(deployDir, 'nginx/parta.conf'), 'utf8').replaceAll(certbotDir, dir);
  });

  it('passes nginx -t on Debian’s nginx', () => {
    expect(site).not.toContain('/etc/letsencrypt');
    const { status, output } = checkSite(site);
    expect(output).toContain('test is successful');
    expect(output).not.toMatch(/\[(warn|emerg|alert|crit)\]/);
    expect(status).toBe(0);
  });

  it('is really read: a misspelt directive fails the same check', () => {
    const { status, output } = checkSite(site.replace('proxy_read_timeout', 'proxy_read_timout'));
    expect(output).toContain('unknown directive "proxy_read_timout"');
    expect(status).not.toBe(0);
  });
});
