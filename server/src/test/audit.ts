import { asc, gt, max } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Db } from '../db/client.js';
import { auditLog } from '../db/schema.js';

/** One audit row as a test states it: everything but its id and time. */
export interface AuditRow {
  type: string;
  schoolId: number | null;
  actorId: number | null;
  subjectId: number | null;
  data: Record<string, unknown>;
}

/**
 * The audit log from now on (STYLE §4.12: an action test asserts its exact
 * audit row). `expect` compares every row written since the mark — type,
 * school, actor, subject and data, in order — and moves the mark past them.
 */
export class AuditTrail {
  private constructor(
    private readonly db: Db,
    private since: number,
  ) {}

  static async start(db: Db): Promise<AuditTrail> {
    return new AuditTrail(db, await lastId(db));
  }

  /** The rows written since the mark, oldest first. */
  async rows(): Promise<AuditRow[]> {
    const rows = await this.db
      .select({
        id: auditLog.id,
        type: auditLog.type,
        schoolId: auditLog.schoolId,
        actorId: auditLog.actorId,
        subjectId: auditLog.subjectId,
        data: auditLog.data,
      })
      .from(auditLog)
      .where(gt(auditLog.id, this.since))
      .orderBy(asc(auditLog.id));
    this.since = rows.at(-1)?.id ?? this.since;
    return rows.map(({ id: _id, ...row }) => ({ ...row, data: row.data as Record<string, unknown> }));
  }

  /** Asserts that exactly `expected` was written since the mark (nothing more), then moves it. */
  async expect(expected: AuditRow[]): Promise<void> {
    expect(await this.rows()).toEqual(expected);
  }

  /** Moves the mark to now, forgetting what the setup of a test wrote. */
  async skip(): Promise<void> {
    this.since = await lastId(this.db);
  }
}

async function lastId(db: Db): Promise<number> {
  const [row] = await db.select({ id: max(auditLog.id) }).from(auditLog);
  return row?.id ?? 0;
}
