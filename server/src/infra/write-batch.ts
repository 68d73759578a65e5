import type { Queryable } from '../db/client.js';
import { run, type Statement, statement } from '../db/prepared.js';
import type { auditRecord } from './audit.js';
import { announceWriter, type EventDraft, eventItems, type StoredEvent } from './events.js';

/**
 * Group commit for one-statement actions (ActionRunner.runStatement: posting
 * a message). Each write is a row with its audit row and events; the rows
 * that arrive while earlier writes are still in the database go together,
 * as one statement, when a slot frees. Alone, a write goes at once and costs
 * what it did before; under load (500 messages a second, or a moment when
 * the machine stalls and posts pile up) many cost one round trip and one
 * commit. See docs/architecture.md#one-write-path.
 */

/** A row to insert, with the id it will have (drawn before): that is how a batch knows which rows it wrote. */
export interface RowWrite {
  table: string;
  /** column → value, JSON-safe (a Date as an ISO string) */
  row: Record<string, unknown> & { id: number };
}

export interface BatchItem {
  write: RowWrite;
  schoolId: number;
  at: Date;
  audit: ReturnType<typeof auditRecord>;
  /** someone must hear them: no stored event means the row was not written */
  events: EventDraft[];
}

interface Pending {
  item: BatchItem;
  /** the item's time, as stored */
  at: string;
  events: ReturnType<typeof eventItems>;
  json: object;
  resolve(events: StoredEvent[]): void;
  reject(error: unknown): void;
}

interface Queue {
  statement: Statement<StoredId>;
  pending: Pending[];
}

export interface BatchOptions {
  /** statements in the database at once (each holds a pooled connection) */
  maxInFlight: number;
  /** rows in one statement at most */
  maxBatch: number;
}

/**
 * One statement at a time: a write never waits for more than the one before
 * it, and everything that arrives meanwhile shares the next commit. Two at a
 * time made batches of one at 500 posts a second and cost PostgreSQL about a
 * tenth more CPU per message (docs/performance.md).
 */
export const DEFAULT_BATCHING: BatchOptions = { maxInFlight: 1, maxBatch: 64 };

export class WriteBatcher {
  readonly #queues = new Map<string, Queue>();
  #inFlight = 0;

  constructor(
    private readonly db: Queryable,
    /** told of each statement's stored events, in cursor order, before its writers are answered */
    private readonly onStored: (events: StoredEvent[]) => void,
    private readonly options: BatchOptions = DEFAULT_BATCHING,
  ) {}

  /**
   * Writes the row, its audit row and its events, alone or with others;
   * returns its stored events, none when the row was already there (`on
   * conflict do nothing`). Rejects with the database's error if its own
   * write fails; others in its batch are then written without it.
   */
  write(item: BatchItem): Promise<StoredEvent[]> {
    const events = eventItems(item.events);
    if (events.length === 0) throw new Error('write-batch: nothing anyone may hear');
    const at = item.at.toISOString();
    const json = { r: item.write.row, a: { ...item.audit, created_at: at }, s: item.schoolId, at, e: events };
    const queue = this.#queueFor(item.write);
    return new Promise((resolve, reject) => {
      queue.pending.push({ item, at, events, json, resolve, reject });
      this.#pump();
    });
  }

  #queueFor(write: RowWrite): Queue {
    const columns = Object.keys(write.row);
    const key = `${write.table}(${columns.join(',')})`;
    let queue = this.#queues.get(key);
    if (!queue) {
      queue = { statement: batchStatement(key, write.table, columns), pending: [] };
      this.#queues.set(key, queue);
    }
    return queue;
  }

  #pump(): void {
    for (const queue of this.#queues.values()) {
      while (queue.pending.length > 0 && this.#inFlight < this.options.maxInFlight) {
        const batch = queue.pending.splice(0, this.options.maxBatch);
        this.#inFlight += 1;
        void this.#flush(queue.statement, batch).finally(() => {
          this.#inFlight -= 1;
          this.#pump();
        });
      }
    }
  }

  async #flush(statement: Queue['statement'], batch: Pending[]): Promise<void> {
    let rows: StoredId[];
    try {
      rows = await run(this.db, statement, [JSON.stringify(batch.map((pending) => pending.json))]);
    } catch (error) {
      if (batch.length === 1) batch[0]!.reject(error);
      // One bad row fails the statement: write each alone, so that only its writer hears of it.
      else for (const pending of batch) await this.#flush(statement, [pending]);
      return;
    }
    // The rows come in id order, and an item's events got their ids in its order.
    const byItem = batch.map((): StoredEvent[] => []);
    const stored = rows.map(({ id, n }) => {
      const pending = batch[Number(n) - 1]!;
      const events = byItem[Number(n) - 1]!;
      const draft = pending.events[events.length]!;
      const event: StoredEvent = {
        cursor: Number(id),
        schoolId: pending.item.schoolId,
        userIds: draft.u,
        at: pending.at,
        payload: draft.p,
      };
      events.push(event);
      return event;
    });
    if (stored.length > 0) this.onStored(stored);
    for (const [i, pending] of batch.entries()) pending.resolve(byItem[i]!);
  }
}

/** A stored event's id and the 1-based place of its item in the batch (bigints come as strings). */
type StoredId = { id: string; n: string };

const statements = new Map<string, Statement<StoredId>>();

function batchStatement(key: string, table: string, columns: string[]) {
  const known = statements.get(key);
  if (known) return known;
  for (const name of [table, ...columns])
    if (!/^[a-z_]+$/.test(name)) throw new Error(`write-batch: ${name} is not a plain name`);
  // PostgreSQL keeps 63 characters of a statement's name: number them.
  const made = statement<StoredId>(`batch.${table}.${statements.size + 1}`, batchSql(table, columns));
  statements.set(key, made);
  return made;
}

/**
 * One statement for a batch. $1 is a JSON array of items: `r` the row, `a`
 * its audit row, `s` the school, `at` the time, `e` the events (`eventItems`).
 * Rows that conflict (a retried post) are not written, and neither are their
 * audit rows and events. Returns the stored events' ids with `n`, the
 * 1-based place of their item in the batch, in id order: the rest of each
 * event is what the caller sent.
 */
function batchSql(table: string, columns: string[]): string {
  return `
  with input as materialized (
    select e.n, e.item from jsonb_array_elements($1::jsonb) with ordinality as e(item, n)),
  written as (
    insert into ${table} (${columns.join(', ')})
    select ${columns.map((column) => `r.${column}`).join(', ')}
    from input, jsonb_populate_record(null::${table}, input.item->'r') as r
    order by input.n
    on conflict do nothing
    returning id),
  done as materialized (
    select input.n, input.item from input join written on written.id = (input.item->'r'->>'id')::bigint),
  audit as (
    insert into audit_log (school_id, actor_id, type, subject_id, data, created_at)
    select a.school_id, a.actor_id, a.type, a.subject_id, a.data, a.created_at
    from done, jsonb_populate_record(null::audit_log, done.item->'a') as a
    order by done.n),
  ${announceWriter('exists (select from done)')},
  drawn as materialized (
    select nextval('events_id_seq') as id, done.n, done.item, ev.item as event
    from writing, done, jsonb_array_elements(done.item->'e') with ordinality as ev(item, k)
    order by done.n, ev.k),
  stored as (
    insert into events (id, school_id, user_ids, type, payload, created_at)
    select drawn.id, (drawn.item->>'s')::integer,
      array(select jsonb_array_elements_text(drawn.event->'u')::integer),
      drawn.event->>'t', drawn.event->'p', (drawn.item->>'at')::timestamptz
    from drawn
    order by drawn.id
    returning id)
  select stored.id, drawn.n from stored join drawn on drawn.id = stored.id order by stored.id`;
}
