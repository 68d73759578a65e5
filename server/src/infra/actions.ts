import type { Logger } from 'pino';
import type { Db, Tx } from '../db/client.js';
import type { Actor } from './actor.js';
import { type AuditEntry, auditParams, writeAudit } from './audit.js';
import type { Bus } from './bus.js';
import type { Clock } from './clock.js';
import { appendEvents, type EventDraft, hasAudibleEvents, type StoredEvent } from './events.js';

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
 * The one write path (DESIGN §3.1): a transaction around the action, its audit
 * row and its events; the events go on the bus only after commit, so nobody
 * hears of a change that rolled back.
 */
export class ActionRunner {
  constructor(private readonly deps: { db: Db; bus: Bus; clock: Clock; logger: Logger }) {}

  async run<I, R>(actor: Actor, action: Action<I, R>, input: I): Promise<R> {
    const now = this.deps.clock.now();
    const { result, published } = await this.deps.db.transaction(async (tx) => {
      const outcome = await action({ tx, actor, now }, input);
      const schoolId = outcome.schoolId ?? (actor.kind === 'person' ? actor.schoolId : null);
      const actorId = actor.kind === 'person' ? actor.userId : null;
      const audit = outcome.audit ? auditParams(outcome.audit, { schoolId, actorId }) : null;
      const drafts = outcome.events ?? [];
      if (drafts.length > 0 && schoolId === null) throw new Error(`${action.name}: events need a school`);
      if (schoolId === null || !hasAudibleEvents(drafts)) {
        if (audit) await writeAudit(tx, audit, now);
        return { result: outcome.result, published: [] };
      }
      // One round trip for the audit row and the events: this runs for every message.
      const published = await appendEvents(tx, schoolId, drafts, now, audit);
      return { result: outcome.result, published };
    });
    if (published.length > 0) this.#publish(published);
    return result;
  }

  #publish(events: StoredEvent[]): void {
    this.deps.bus.publish(events).catch((error: Error) => {
      // The events are committed; every node's feed polls the table and will deliver them.
      this.deps.logger.warn({ err: error.message }, 'bus publish failed; feed will catch up by polling');
    });
  }
}
