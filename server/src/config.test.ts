import { describe, expect, it } from 'vitest';
import { loadConfig, redactConfig } from './config.js';
import { FatalError } from './infra/fatal.js';

describe('settings', () => {
  it('has defaults that serve http://localhost:3000 on the embedded database', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toMatch(/\/data$/);
  });

  it('lets a flag override the environment', () => {
    expect(loadConfig({ PARTA_PORT: '4000' }, { port: '5000' }).port).toBe(5000);
  });

  it('names every bad setting by its variable and flag', () => {
    const attempt = () =>
      loadConfig({ PARTA_PORT: '99999', DATABASE_URL: 'mysql://x', PARTA_LOG_LEVEL: 'loud' });
    expect(attempt).toThrow(FatalError);
    expect(attempt).toThrow(
      /PARTA_PORT \(--port\)[\s\S]*DATABASE_URL \(--database-url\)[\s\S]*PARTA_LOG_LEVEL/,
    );
  });

  it('reads each per-account limit as burst:perMinute, 0 as none, and names a bad one', () => {
    const config = loadConfig({ PARTA_LIMIT_SEARCHES: '0', PARTA_LIMIT_CHATS: '5:2' });
    expect(config.limitPosts).toEqual({ burst: 30, perSecond: 1 });
    expect(config.limitSearches).toBeNull();
    expect(config.limitChats).toEqual({ burst: 5, perSecond: 2 / 60 });
    expect(config.wsSocketsPerAccount).toBe(10);
    expect(() => loadConfig({ PARTA_LIMIT_POSTS: '30/60' })).toThrow(/PARTA_LIMIT_POSTS \(--limit-posts\)/);
  });

  it('never prints passwords from connection URLs', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://parta:s3cret@db:5432/parta',
      REDIS_URL: 'redis://:pw@r:6379',
    });
    const printed = JSON.stringify(redactConfig(config));
    expect(printed).not.toContain('s3cret');
    expect(printed).not.toContain(':pw@');
    expect(printed).toContain('postgres://parta:***@db:5432/parta');
  });

  it('stores files in S3 with all of endpoint, bucket and keys, or none, and hides the secret', () => {
    expect(loadConfig({}).s3).toBeNull();
    const s3 = {
      PARTA_S3_ENDPOINT: 'http://127.0.0.1:9000',
      PARTA_S3_BUCKET: 'parta',
      PARTA_S3_ACCESS_KEY: 'parta',
      PARTA_S3_SECRET_KEY: 'sekret-key',
    };
    expect(loadConfig(s3).s3).toEqual({
      endpoint: 'http://127.0.0.1:9000',
      bucket: 'parta',
      region: 'us-east-1',
      accessKey: 'parta',
      secretKey: 'sekret-key',
    });
    expect(JSON.stringify(redactConfig(loadConfig(s3)))).not.toContain('sekret-key');
    const { PARTA_S3_BUCKET: _, PARTA_S3_SECRET_KEY: __, ...partial } = s3;
    expect(() => loadConfig(partial)).toThrow(
      /missing: PARTA_S3_BUCKET \(--s3-bucket\), PARTA_S3_SECRET_KEY \(--s3-secret-key\)/,
    );
    expect(() => loadConfig({ ...s3, PARTA_S3_ENDPOINT: 's3.example.org' })).toThrow(/PARTA_S3_ENDPOINT/);
  });

  it('believes X-Forwarded-For only from the listed proxies, never from everyone', () => {
    expect(loadConfig({}).trustedProxies).toBe(false);
    expect(loadConfig({ PARTA_TRUSTED_PROXIES: '127.0.0.1, 10.0.0.0/8,::1' }).trustedProxies).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
      '::1',
    ]);
    for (const everyone of ['true', '*', '0.0.0.0/0', '::/0']) {
      expect(() => loadConfig({ PARTA_TRUSTED_PROXIES: everyone }), everyone).toThrow(
        /PARTA_TRUSTED_PROXIES/,
      );
    }
    expect(() => loadConfig({ PARTA_TRUSTED_PROXIES: 'nginx.local' })).toThrow(/not an IP address/);
    expect(() => loadConfig({ PARTA_TRUSTED_PROXIES: '10.0.0.0/33' })).toThrow(/prefix length/);
    expect(() => loadConfig({ PARTA_TRUST_PROXY: 'true' })).toThrow(/PARTA_TRUSTED_PROXIES/);
  });
});
