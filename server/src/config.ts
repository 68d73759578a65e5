import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { FatalError } from './infra/fatal.js';
import type { S3Settings } from './infra/storage-s3.js';

const ZUrl = (protocols: string[]) =>
  z
    .string()
    .url()
    .refine(
      // not a URL at all is `.url()`'s message alone
      (value) => !URL.canParse(value) || protocols.includes(new URL(value).protocol),
      `must start with ${protocols.join(' or ')}//`,
    );

/**
 * The proxies whose `X-Forwarded-For` is believed: addresses or CIDR
 * networks, comma-separated (`127.0.0.1`, `10.0.0.0/8`, `::1`). `false` (the
 * default) believes none: the client is whoever connected. There is no
 * "trust everyone": then any client could name its own address and escape
 * every per-address limit.
 */
const ZTrustedProxies = z
  .string()
  .default('false')
  .transform((value, context) => {
    if (value.trim() === 'false') return false as const;
    const entries = value
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
    for (const entry of entries) {
      const problem = trustedProxyProblem(entry);
      if (problem) context.addIssue({ code: 'custom', message: `${entry}: ${problem}` });
    }
    return entries.length > 0 ? entries : (false as const);
  });

function trustedProxyProblem(entry: string): string | null {
  if (entry === 'true' || entry === '*') {
    return 'trusting every address would let any client choose its own; list your proxies, e.g. 127.0.0.1';
  }
  const [address, bits, extra] = entry.split('/');
  const family = isIP(address ?? '');
  if (!family || extra !== undefined) return 'not an IP address or a CIDR network such as 10.0.0.0/8';
  if (bits === undefined) return null;
  const max = family === 4 ? 32 : 128;
  if (!/^\d{1,3}$/.test(bits) || Number(bits) > max) return `the prefix length must be 1 to ${max}`;
  if (Number(bits) === 0) return 'a /0 network trusts every address; list your proxies';
  return null;
}

/**
 * A per-account limit: `burst:perMinute` (that many at once, then that many a
 * minute), or `0` for none (the fan-out bench turns them off).
 */
const ZBucketLimit = (defaultValue: string) =>
  z
    .string()
    .regex(/^(0|[1-9]\d{0,5}:[1-9]\d{0,6})$/, 'must be `burst:perMinute` like 30:60, or 0 for no limit')
    .default(defaultValue)
    .transform((value) => {
      if (value === '0') return null;
      const [burst, perMinute] = value.split(':').map(Number) as [number, number];
      return { burst, perSecond: perMinute / 60 };
    });

const ZConfig = z.strictObject({
  port: z.coerce.number().int().min(0).max(65535).default(3000),
  host: z.string().min(1).default('127.0.0.1'),
  publicUrl: ZUrl(['http:', 'https:']).optional(),
  databaseUrl: ZUrl(['postgres:', 'postgresql:']).optional(),
  dataDir: z.string().min(1).default('./data'),
  redisUrl: ZUrl(['redis:', 'rediss:']).optional(),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  bodyLimit: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(1024 * 1024),
  dbPoolSize: z.coerce.number().int().min(2).max(200).default(20),
  trustedProxies: ZTrustedProxies,
  webDir: z.string().optional(),
  limitPosts: ZBucketLimit('30:60'),
  limitEdits: ZBucketLimit('30:30'),
  limitReactions: ZBucketLimit('60:60'),
  limitChats: ZBucketLimit('20:10'),
  limitSearches: ZBucketLimit('30:60'),
  limitWsFrames: ZBucketLimit('20:120'),
  wsSocketsPerAccount: z.coerce.number().int().min(1).max(1000).default(10),
  apiDocs: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  metricsToken: z.string().min(16).optional(),
  /** the first-run code; without it, one is drawn at start and printed with the setup address */
  setupToken: z.string().min(16).max(200).optional(),
  /** an S3-compatible bucket for file bytes instead of `<dataDir>/files`: all four of endpoint, bucket and keys, or none */
  s3Endpoint: ZUrl(['http:', 'https:']).optional(),
  s3Bucket: z.string().min(1).optional(),
  s3Region: z.string().min(1).default('us-east-1'),
  s3AccessKey: z.string().min(1).optional(),
  s3SecretKey: z.string().min(1).optional(),
  /** a ClamAV daemon's socket (clamd `LocalSocket`): every file is scanned before it is kept */
  clamavSocket: z.string().min(1).optional(),
});

type S3Fields = 's3Endpoint' | 's3Bucket' | 's3Region' | 's3AccessKey' | 's3SecretKey';

export type Config = Omit<z.infer<typeof ZConfig>, 'publicUrl' | 'setupToken' | S3Fields> & {
  publicUrl: string;
  setupToken: string;
  /** where file bytes go when not under `<dataDir>/files` */
  s3: S3Settings | null;
  /** only when PARTA_PUBLIC_URL is set: answers only requests for its host (and loopback) */
  checkHost: boolean;
};

/** Setting name → environment variable. A `--kebab-case` flag overrides each. */
export const envNames: Record<keyof z.infer<typeof ZConfig>, string> = {
  port: 'PARTA_PORT',
  host: 'PARTA_HOST',
  publicUrl: 'PARTA_PUBLIC_URL',
  databaseUrl: 'DATABASE_URL',
  dataDir: 'PARTA_DATA_DIR',
  redisUrl: 'REDIS_URL',
  logLevel: 'PARTA_LOG_LEVEL',
  bodyLimit: 'PARTA_BODY_LIMIT',
  dbPoolSize: 'PARTA_DB_POOL_SIZE',
  trustedProxies: 'PARTA_TRUSTED_PROXIES',
  webDir: 'PARTA_WEB_DIR',
  limitPosts: 'PARTA_LIMIT_POSTS',
  limitEdits: 'PARTA_LIMIT_EDITS',
  limitReactions: 'PARTA_LIMIT_REACTIONS',
  limitChats: 'PARTA_LIMIT_CHATS',
  limitSearches: 'PARTA_LIMIT_SEARCHES',
  limitWsFrames: 'PARTA_LIMIT_WS_FRAMES',
  wsSocketsPerAccount: 'PARTA_WS_SOCKETS_PER_ACCOUNT',
  apiDocs: 'PARTA_API_DOCS',
  metricsToken: 'PARTA_METRICS_TOKEN',
  setupToken: 'PARTA_SETUP_TOKEN',
  s3Endpoint: 'PARTA_S3_ENDPOINT',
  s3Bucket: 'PARTA_S3_BUCKET',
  s3Region: 'PARTA_S3_REGION',
  s3AccessKey: 'PARTA_S3_ACCESS_KEY',
  s3SecretKey: 'PARTA_S3_SECRET_KEY',
  clamavSocket: 'PARTA_CLAMAV_SOCKET',
};

export const settingFlags = Object.keys(envNames).map(kebab);

export function loadConfig(env: NodeJS.ProcessEnv, flags: Record<string, string> = {}): Config {
  if (env.PARTA_TRUST_PROXY !== undefined || flags['trust-proxy'] !== undefined) {
    throw new FatalError(
      'PARTA_TRUST_PROXY (--trust-proxy) is gone: list the addresses of your proxies in PARTA_TRUSTED_PROXIES (--trusted-proxies), e.g. 127.0.0.1 for nginx on this machine.',
    );
  }
  const raw: Record<string, string> = {};
  for (const [key, envName] of Object.entries(envNames)) {
    const value = flags[kebab(key)] ?? env[envName];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const parsed = ZConfig.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? '') as keyof typeof envNames;
      return `  ${envNames[key] ?? key} (--${kebab(key)}): ${issue.message}`;
    });
    throw new FatalError(`Invalid settings:\n${lines.join('\n')}`);
  }
  const { s3Endpoint, s3Bucket, s3Region, s3AccessKey, s3SecretKey, ...config } = parsed.data;
  const s3 = { s3Endpoint, s3Bucket, s3AccessKey, s3SecretKey };
  const given = Object.entries(s3).filter(([, value]) => value !== undefined);
  if (given.length > 0 && given.length < 4) {
    const absent = Object.keys(s3).filter((key) => s3[key as keyof typeof s3] === undefined);
    const names = absent.map((key) => `${envNames[key as S3Fields]} (--${kebab(key)})`);
    throw new FatalError(
      `File storage in S3 needs all of PARTA_S3_ENDPOINT, PARTA_S3_BUCKET, PARTA_S3_ACCESS_KEY and PARTA_S3_SECRET_KEY, or none of them; missing: ${names.join(', ')}.`,
    );
  }
  return {
    ...config,
    s3:
      s3Endpoint && s3Bucket && s3AccessKey && s3SecretKey
        ? {
            endpoint: s3Endpoint,
            bucket: s3Bucket,
            region: s3Region,
            accessKey: s3AccessKey,
            secretKey: s3SecretKey,
          }
        : null,
    dataDir: path.resolve(config.dataDir),
    publicUrl: (config.publicUrl ?? `http://localhost:${config.port}`).replace(/\/$/, ''),
    setupToken: config.setupToken ?? randomBytes(18).toString('base64url'),
    checkHost: config.publicUrl !== undefined,
  };
}

/** The settings as they may be printed: passwords in URLs hidden. */
export function redactConfig(config: Config): Record<string, unknown> {
  const hide = (url: string | undefined) => {
    if (!url) return url;
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  };
  return {
    ...config,
    databaseUrl: hide(config.databaseUrl) ?? 'embedded',
    redisUrl: hide(config.redisUrl) ?? 'none',
    metricsToken: config.metricsToken ? '***' : 'none',
    setupToken: '***',
    s3: config.s3 ? { ...config.s3, secretKey: '***' } : 'none',
  };
}

function kebab(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
