import type { Logger } from 'pino';
import type { Db, Tx } from '../db/client.js';
import type { Actor, Person } from './actor.js';
import { type AuditEntry, auditParams, auditRecord, writeAudit } from './audit.js';
import type { Bus } from './bus.js';
import type { Clock } from './clock.js';
import { appendEvents, type EventDraft, hasAudibleEvents, type StoredEvent } from './events.js';
import { requirePerson } from './require.js';
import { type BatchOptions, type RowWrite, WriteBatcher } from './write-batch.js';

export interface ActionCtx {
  tx: Tx;
  actor: Actor;
  now: Date;
}

export interface ActionOutcome<R> {
  result: R;
  /** published to the readers only after the transaction commits */
  events?: EventDraft[];
  /** one row per change of state; null only for a per-person marker such as "read up to" */
  audit: AuditEntry | null;
  /** the school the change belongs to, when the actor has none yet (setup, CLI) */
  schoolId?: number;
}

/** One exported function per user intent: check the policy, write, describe. */
export type Action<I, R> = (ctx: ActionCtx, input: I) => Promise<ActionOutcome<R>>;

/**
 * An action whose whole change is one row: posting a message, the write
 * that runs most. Its reads run before, outside a transaction (under READ
 * COMMITTED each of them would see the same inside one, and nothing is
 * locked); the row, its audit row and its events are then one statement,
 * which is a transaction by itself, shared with the rows of other such
 * actions that wait at the same moment (write-batch.ts). That is at most one
 * round trip instead of BEGIN, write, audit and events, COMMIT.
 */
export interface StatementOutcome<R> {
  /** the answer when the write wrote */
  result: R;
  write: RowWrite;
  audit: AuditEntry;
  /** someone must hear them: no stored event means the write wrote nothing */
  events: EventDraft[];
  /** the answer when it did not (a retry of a change already made) */
  ifNotWritten: () => Promise<R>;
}

export interface StatementCtx {
  db: Db;
  actor: Person;
  now: Date;
}

/**
 * What a one-statement action answers when, having read, it finds that this
 * time the change is more than one row (a message that waits for the working
 * hours): the rest runs as an ordinary action, in a transaction.
 */
export interface InsteadOutcome<R> {
  instead: Action<undefined, R>;
}

export type StatementAction<I, R> = (
  ctx: StatementCtx,
  input: I,
) => Promise<StatementOutcome<R> | InsteadOutcome<R>>;

/**
 * The one write path (DESIGN §3.1): a transaction around the action, its audit
 * row and its events (or, for a one-statement action, one statement); the
 * events go on the bus only after commit, so nobody hears of a change that
 * rolled back.
 */
export class ActionRunner {
  constructor(
    private readonly deps: {
      db: Db;
      bus: Bus;
      clock: Clock;
      logger: Logger;
      /** told of each change once it is committed (the session cache listens) */
      afterCommit?: (audit: AuditEntry) => void;
      /** how one-statement writes are grouped (write-batch.ts has the default) */
      batch?: BatchOptions;
    },
  ) {
    this.#writes = new WriteBatcher(deps.db, (events) => this.#publish(events), deps.batch);
  }

  readonly #writes: WriteBatcher;

  async run<I, R>(actor: Actor, action: Action<I, R>, input: I): Promise<R> {
    const now = this.deps.clock.now();
    let change: AuditEntry | null = null;
    const { result, published } = await this.deps.db.transaction(async (tx) => {
      const outcome = await action({ tx, actor, now }, input);
      change = outcome.audit;
      const schoolId = outcome.schoolId ?? (actor.kind === 'person' ? actor.schoolId : null);
      const actorId = actor.kind === 'person' ? actor.userId : null;
      const audit = outcome.audit ? auditParams(outcome.audit, { schoolId, actorId }) : null;
      const drafts = outcome.events ?? [];
      if (drafts.length > 0 && schoolId === null) throw new Error(`${action.name}: events need a school`);
      if (schoolId === null || !hasAudibleEvents(drafts)) {
        if (audit) await writeAudit(tx, audit, now);
        return { result: outcome.result, published: [] };
      }
      // One round trip for the audit row and the events.
      const published = await appendEvents(tx, schoolId, drafts, now, audit);
      return { result: outcome.result, published };
    });
    if (change) this.deps.afterCommit?.(change);
    if (published.length > 0) this.#publish(published);
    return result;
  }

  /** Runs a one-statement action (see StatementOutcome). */
  async runStatement<I, R>(actor: Actor, action: StatementAction<I, R>, input: I): Promise<R> {
    const person = requirePerson(actor);
    const now = this.deps.clock.now();
    const outcome = await action({ db: this.deps.db, actor: person, now }, input);
    if ('instead' in outcome) return this.run(actor, outcome.instead, undefined);
    const published = await this.#writes.write({
      write: outcome.write,
      schoolId: person.schoolId,
      at: now,
      audit: auditRecord(outcome.audit, { schoolId: person.schoolId, actorId: person.userId }),
      events: outcome.events,
    });
    if (published.length === 0) return outcome.ifNotWritten();
    this.deps.afterCommit?.(outcome.audit);
    return outcome.result;
  }

  #publish(events: StoredEvent[]): void {
    this.deps.bus.publish(events).catch((error: Error) => {
      // The events are committed; every node's feed polls the table and will deliver them.
      this.deps.logger.warn({ err: error.message }, 'bus publish failed; feed will catch up by polling');
    });
  }
}
