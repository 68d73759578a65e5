import { randomBytes } from 'node:crypto';
import net from 'node:net';
import pg from 'pg';

/** The machine's PostgreSQL and Redis, as `scripts/test.mjs` starts them (same variables as the integration suite). */
export const systemPgUrl = process.env.PARTA_TEST_SYSTEM_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
export const redisUrl = process.env.PARTA_TEST_REDIS ?? 'redis://127.0.0.1:6379';

/** Whether something answers on the URL's host and port (a TCP connect, nothing more). */
export async function reachable(url: string, defaultPort: number): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || defaultPort) });
    socket.setTimeout(1000);
    socket.once('connect', () => resolve(socket.end() && true));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => resolve(socket.destroy() && false));
  });
}

/** A fresh, empty database on the machine's PostgreSQL; the nodes migrate it themselves. */
export async function createSystemDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `parta_e2e_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: systemPgUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(systemPgUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}
