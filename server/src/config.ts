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
