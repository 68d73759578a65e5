import { isDeepStrictEqual } from 'node:util';
import { ZEvent } from '@parta/protocol';
import { afterAll, afterEach } from 'vitest';
import type { Bus } from '../infra/bus.js';
import type { StoredEvent } from '../infra/events.js';

/**
 * Every event published on a test server's bus is checked against its
 * protocol schema (Zulip's `check_events`): it must survive JSON, parse, and
 * parse to itself — a field the schema does not name fails too. Mismatches
 * fail the test that was running (`failOnBadEvents`, a setup file of the
 * integration projects), so no single test has to ask.
 */
const mismatches: string[] = [];

/** Why `event` is not what the protocol promises a client, or null when it is. */
export function eventMismatch(event: StoredEvent): string | null {
  const sent = { cursor: event.cursor, at: event.at, payload: event.payload };
  const wire = JSON.parse(JSON.stringify(sent));
  const name = `event ${event.payload?.type ?? '(no type)'} #${event.cursor}`;
  if (!isDeepStrictEqual(sent, wire)) return `${name} does not survive JSON: ${JSON.stringify(sent)}`;
  const parsed = ZEvent.safeParse(wire);
  if (!parsed.success) return `${name} does not parse: ${parsed.error.message}`;
  if (!isDeepStrictEqual(parsed.data, wire)) {
    return `${name} has fields its schema does not name: sent ${JSON.stringify(wire)}, schema keeps ${JSON.stringify(parsed.data)}`;
  }
  return null;
}

/** Checks every event `bus` carries from now on; returns the unsubscribe. */
export function checkEvents(bus: Bus): () => void {
  return bus.subscribe((events) => {
    for (const event of events) {
      const mismatch = eventMismatch(event);
      if (mismatch) mismatches.push(mismatch);
    }
  });
}

/** The mismatches seen since the last call (a test that plants a bad event takes its own). */
export function takeEventMismatches(): string[] {
  return mismatches.splice(0);
}

function failOnMismatches(): void {
  const found = takeEventMismatches();
  if (found.length > 0) throw new Error(`events that break the protocol:\n${found.join('\n')}`);
}

/** Registered by the integration projects' setup file. */
export function failOnBadEvents(): void {
  afterEach(failOnMismatches);
  afterAll(failOnMismatches);
}
