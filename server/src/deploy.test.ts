import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { envNames, loadConfig } from './config.js';
import {
  envExample,
  findAll,
  INSTALL_DIR,
  type NginxBlock,
  nginxSite,
  repoRoot,
  unitFile,
} from './test/deploy-files.js';

// The files in deploy/ against the code they start: the settings are real, the
// paths and ports agree. `nginx -t` and `systemd-analyze verify`: deploy-*.test.ts.

const env = envExample();
const config = loadConfig(env.set);
const service = unitFile().Service!;
const site = nginxSite();
const servers = site.children.filter((block) => block.name === 'server');
const httpsServer = servers.find((server) =>
  findAll(server, 'listen').some((listen) => listen.args.includes('ssl')),
)!;
const location = (...args: string[]) =>
  findAll(httpsServer, 'location').find((block) => block.args.join(' ') === args.join(' '))!;
const headers = (block: NginxBlock) =>
  Object.fromEntries(findAll(block, 'proxy_set_header').map(({ args }) => [args[0], args[1]]));
const value = (block: NginxBlock, name: string) => findAll(block, name).map(({ args }) => args.join(' '));

describe('deploy/parta.env.example', () => {
  it('names only settings that loadConfig reads', () => {
    const known = new Set(Object.values(envNames));
    const named = [...Object.keys(env.set), ...Object.keys(env.optional)];
    expect(named.filter((name) => !known.has(name))).toEqual([]);
    expect(named).toEqual(expect.arrayContaining(['PARTA_PUBLIC_URL', 'DATABASE_URL', 'REDIS_URL']));
  });

  it('is accepted as it is, and with each optional setting filled in', () => {
    for (const [name, example] of Object.entries(env.optional)) {
      expect(() => loadConfig({ ...env.set, [name]: example }), name).not.toThrow();
    }
  });

  it('serves a public https address from loopback, believing only the nginx on this machine', () => {
    expect(config.publicUrl).toMatch(/^https:\/\//);
    expect(config.checkHost).toBe(true);
    expect(config.host).toBe('127.0.0.1');
    expect(config.trustedProxies).toEqual(['127.0.0.1']);
    expect(config.databaseUrl).toBeUndefined();
  });
});

describe('deploy/parta.service', () => {
  it('runs the built server with the env file, as its own user, restarting it after a failure', () => {
    const [node, script, command] = service.ExecStart![0]!.split(' ');
    expect(node).toBe('/usr/bin/node');
    expect(command).toBe('serve');
    expect(script!.startsWith(`${INSTALL_DIR}/`)).toBe(true);
    const built = path.join(repoRoot, path.relative(INSTALL_DIR, script!));
    expect(existsSync(built), `${built} (npm run build)`).toBe(true);
    expect(service.WorkingDirectory).toEqual([INSTALL_DIR]);
    expect(service.User).toEqual(['parta']);
    expect(service.EnvironmentFile).toEqual(['/etc/parta/parta.env']);
    expect(service.Restart).toEqual(['on-failure']);
    expect(service.KillMode).toEqual(['mixed']);
  });

  it('may write to the data folder of the env file and nowhere else', () => {
    expect(service.ProtectSystem).toEqual(['strict']);
    expect(service.ReadWritePaths).toEqual([config.dataDir]);
    for (const key of ['NoNewPrivileges', 'ProtectHome', 'PrivateTmp'])
      expect(service[key], key).toEqual(['yes']);
    expect(Number(service.LimitNOFILE![0])).toBeGreaterThanOrEqual(65536);
  });
});

describe('deploy/nginx/parta.conf', () => {
  it('passes requests to PARTA_HOST:PARTA_PORT', () => {
    const upstream = findAll(site, 'upstream').find((block) => block.args[0] === 'parta')!;
    expect(value(upstream, 'server')).toEqual([`${config.host}:${config.port}`]);
    for (const pass of findAll(httpsServer, 'proxy_pass')) expect(pass.args).toEqual(['http://parta']);
  });

  it('tells Parta the host, the scheme and the peer in every location it passes on', () => {
    const proxied = findAll(httpsServer, 'location').filter((block) => value(block, 'proxy_pass').length > 0);
    expect(proxied.map((block) => block.args.join(' '))).toEqual(['= /api/ws', '/api/', '/']);
    for (const block of proxied) {
      expect(headers(block)).toMatchObject({
        Host: '$host',
        'X-Forwarded-For': '$remote_addr',
        'X-Forwarded-Proto': '$scheme',
      });
    }
  });

  it('upgrades /api/ws to a WebSocket that may stay quiet for an hour', () => {
    const ws = location('=', '/api/ws');
    expect(headers(ws)).toMatchObject({ Upgrade: '$http_upgrade', Connection: 'upgrade' });
    expect(value(ws, 'proxy_http_version')).toEqual(['1.1']);
    expect(value(ws, 'proxy_read_timeout')).toEqual(['1h']);
  });

  it('lets through a body up to PARTA_BODY_LIMIT, and a little more, so that Parta answers it', () => {
    const [size] = value(httpsServer, 'client_max_body_size');
    const bytes = Number(/^(\d+)m$/.exec(size ?? '')?.[1]) * 1024 * 1024;
    expect(bytes).toBeGreaterThanOrEqual(config.bodyLimit);
    expect(bytes).toBeLessThanOrEqual(2 * config.bodyLimit);
  });

  it('compresses the web app but not the API, caches nothing, and adds no headers of its own', () => {
    expect(value(location('/'), 'gzip')).toEqual(['on']);
    expect(value(location('/api/'), 'gzip')).toEqual(['off']);
    expect(findAll(site, 'proxy_cache').map(({ args }) => args)).toEqual([['off']]);
    expect(findAll(site, 'add_header')).toEqual([]);
  });

  it('sends plain http to https, except the certificate challenge', () => {
    const plain = servers.find((server) => server !== httpsServer)!;
    expect(value(plain, 'return')).toEqual(['301 https://$host$request_uri']);
    expect(value(plain, 'server_name')).toEqual(value(httpsServer, 'server_name'));
    expect(new URL(config.publicUrl).host).toBe(value(httpsServer, 'server_name')[0]);
  });
});
