import { describe, expect, it } from 'vitest';
import { ManualClock } from './clock.js';
import { MemoryFailureCounter, reserveAll } from './rate-limit.js';

const WINDOW = 15 * 60 * 1000;

describe('the in-memory attempt counter', () => {
  it('lets exactly the limit through when attempts arrive together', async () => {
    const counter = new MemoryFailureCounter(new ManualClock(), WINDOW);
    const slots = await Promise.all(Array.from({ length: 30 }, () => counter.reserve('account:7', 10)));
    expect(slots.filter(Boolean)).toHaveLength(10);
    expect(await counter.count('account:7')).toBe(10);
  });

  it('hands a refunded attempt back, and reserves on several keys all or none', async () => {
    const counter = new MemoryFailureCounter(new ManualClock(), WINDOW);
    const slot = await counter.reserve('account:7', 1);
    await counter.refund(slot!);
    expect(await counter.count('account:7')).toBe(0);
    await counter.reserve('address:a', 1);
    expect(
      await reserveAll(counter, [
        { key: 'account:8', limit: 5 },
        { key: 'address:a', limit: 1 },
      ]),
    ).toBeNull();
    expect(await counter.count('account:8')).toBe(0);
  });

  it('forgets each key when its window ends, and drops ended ones first when full', async () => {
    const clock = new ManualClock();
    const counter = new MemoryFailureCounter(clock, WINDOW, 3);
    for (const key of ['a', 'b', 'c']) await counter.reserve(key, 5);
    clock.advance(WINDOW);
    expect(await counter.count('a')).toBe(0);
    await counter.reserve('d', 5);
    await counter.reserve('e', 5);
    expect(counter.size).toBe(2);
    expect([await counter.count('d'), await counter.count('e')]).toEqual([1, 1]);
  });

  it('under a flood of new keys keeps the counter of the account under attack', async () => {
    const counter = new MemoryFailureCounter(new ManualClock(), WINDOW);
    for (let i = 0; i < 10; i++) await counter.reserve('account:victim', 10);
    for (let i = 0; i < 100_001; i++) {
      await counter.reserve(`unknown:${i}`, 10);
      if (i % 50_000 === 0) await counter.reserve('account:victim', 10);
    }
    expect(await counter.count('account:victim')).toBe(10);
    expect(await counter.reserve('account:victim', 10)).toBeNull();
    expect(counter.size).toBeLessThanOrEqual(100_000);
  });
});
