import path from 'node:path';
import { z } from 'zod';
import { FatalError } from './infra/fatal.js';

const ZUrl = (protocols: string[]) =>
  z
    .string()
    .url()
    .refine(
      (value) => protocols.includes(new URL(value).protocol),
      `must start with ${protocols.join(' or ')}//`,
    );

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
  trustProxy: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
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
});

export type Config = Omit<z.infer<typeof ZConfig>, 'publicUrl'> & { publicUrl: string };

/** Setting name → environment variable. A `--kebab-case` flag overrides each. */
const envNames: Record<keyof z.infer<typeof ZConfig>, string> = {
  port: 'PARTA_PORT',
  host: 'PARTA_HOST',
  publicUrl: 'PARTA_PUBLIC_URL',
  databaseUrl: 'DATABASE_URL',
  dataDir: 'PARTA_DATA_DIR',
  redisUrl: 'REDIS_URL',
  logLevel: 'PARTA_LOG_LEVEL',
  bodyLimit: 'PARTA_BODY_LIMIT',
  dbPoolSize: 'PARTA_DB_POOL_SIZE',
  trustProxy: 'PARTA_TRUST_PROXY',
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
};

export const settingFlags = Object.keys(envNames).map(kebab);

export function loadConfig(env: NodeJS.ProcessEnv, flags: Record<string, string> = {}): Config {
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
  const config = parsed.data;
  return {
    ...config,
    dataDir: path.resolve(config.dataDir),
    publicUrl: (config.publicUrl ?? `http://localhost:${config.port}`).replace(/\/$/, ''),
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
  };
}

function kebab(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
