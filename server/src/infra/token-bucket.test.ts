import { describe, expect, it } from 'vitest';
import { ManualClock } from './clock.js';
import { MemoryTokenBuckets } from './token-bucket.js';

describe('token buckets in memory', () => {
  it('allows the burst at once, then one token per interval of the clock', async () => {
    const clock = new ManualClock();
    const buckets = new MemoryTokenBuckets(clock, { burst: 3, perSecond: 1 });
    for (let i = 0; i < 3; i++) expect(await buckets.take('anna')).toEqual({ ok: true });
    expect(await buckets.take('anna')).toEqual({ ok: false, retryAfterMs: 1000 });
    expect(await buckets.take('oleg'), 'another key has its own bucket').toEqual({ ok: true });
    clock.advance(400);
    expect(await buckets.take('anna')).toEqual({ ok: false, retryAfterMs: 600 });
    clock.advance(600);
    expect(await buckets.take('anna')).toEqual({ ok: true });
    expect((await buckets.take('anna')).ok).toBe(false);
    clock.advance(60_000);
    for (let i = 0; i < 3; i++)
      expect((await buckets.take('anna')).ok, 'never more than the burst').toBe(true);
    expect((await buckets.take('anna')).ok).toBe(false);
  });

  it('stays bounded under a flood of keys', async () => {
    const clock = new ManualClock();
    const buckets = new MemoryTokenBuckets(clock, { burst: 2, perSecond: 1 }, 100);
    await buckets.take('busy');
    await buckets.take('busy');
    clock.advance(1);
    for (let i = 0; i < 1000; i++) buckets.takeNow(`flood-${i}`);
    expect(buckets.size).toBeLessThanOrEqual(101);
    // Once a bucket would be full again it is forgotten, and a forgotten one answers like a full one.
    clock.advance(2000);
    buckets.takeNow('one-more');
    for (let i = 0; i < 200; i++) buckets.takeNow(`late-${i}`);
    expect(buckets.size).toBeLessThanOrEqual(101);
  });
});
