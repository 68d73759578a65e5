import type pg from 'pg';

/**
 * A name that is the same for every node of one installation and different
 * for any other: the PostgreSQL cluster's system identifier and the
 * database's oid. Redis channels and keys start with it, so two Partas (or
 * two test runs) sharing one Redis never hear each other's events.
 */
export async function installationNamespace(pool: pg.Pool): Promise<string> {
  const result = await pool.query<{ id: string }>(
    `select (select system_identifier from pg_control_system())::text || ':' ||
      (select oid from pg_database where datname = current_database())::text as id`,
  );
  return `parta:${result.rows[0]!.id}:`;
}
