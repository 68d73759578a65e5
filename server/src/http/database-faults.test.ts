import { describe, expect, it } from 'vitest';
import { ManualClock } from '../infra/clock.js';
import { databaseFault, WRITE_FAULT_WINDOW_MS, WriteHealth } from './database-faults.js';

const withCode = (code: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error('failed'), { code, ...extra });
/** drizzle wraps the driver's error as its cause */
const wrapped = (cause: Error) => new Error('Failed query: insert …', { cause });

describe('databaseFault', () => {
  it.each([
    [withCode('53100'), 'storage_full'],
    [wrapped(withCode('58030')), 'storage_full'],
    [wrapped(withCode('57P01')), 'unavailable'],
    [withCode('57P03'), 'unavailable'],
    [withCode('08006'), 'unavailable'],
    [withCode('53300'), 'unavailable'],
    [withCode('ECONNREFUSED', { syscall: 'connect' }), 'unavailable'],
    [withCode('ENOENT', { syscall: 'connect' }), 'unavailable'],
    [wrapped(new Error('Connection terminated unexpectedly')), 'unavailable'],
  ] as const)('%s is %s', (error, fault) => {
    expect(databaseFault(error)).toBe(fault);
  });

  it.each([
    [withCode('23505')], // a unique violation is the request's fault
    [withCode('22P02')],
    [withCode('ENOENT', { syscall: 'open' })], // a missing file is not the database
    [new Error('boom')],
    ['not an error'],
  ])('%s is not a database fault', (error) => {
    expect(databaseFault(error)).toBeNull();
  });
});

describe('WriteHealth', () => {
  it('is unhealthy after a refused write until a write succeeds or a quiet minute passes', () => {
    const clock = new ManualClock();
    const writes = new WriteHealth(clock);
    expect(writes.ok).toBe(true);
    writes.failed();
    expect(writes.ok).toBe(false);
    writes.succeeded();
    expect(writes.ok).toBe(true);
    writes.failed();
    clock.advance(WRITE_FAULT_WINDOW_MS);
    expect(writes.ok).toBe(false);
    clock.advance(1);
    expect(writes.ok).toBe(true);
  });
});
