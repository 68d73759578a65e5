import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Signal } from './bus.js';
import type { StoredEvent } from './events.js';
import { RedisBus } from './redis-bus.js';

const redisUrl = process.env.PARTA_TEST_REDIS ?? 'redis://127.0.0.1:6379';
const namespace = `parta-test-${randomUUID()}:`;
const warnings: { msg: string; bytes?: number }[] = [];
let bus: RedisBus;
let intruder: Redis;

beforeAll(async () => {
  const logger = pino({ level: 'warn' }, { write: (line: string) => warnings.push(JSON.parse(line)) });
  bus = await RedisBus.connect(redisUrl, logger, namespace);
  intruder = new Redis(redisUrl);
});
afterAll(() => {
  bus?.close();
  intruder?.disconnect();
});

const garbage = [
  'not json',
  '',
  'null',
  '{"cursor":1}',
  '[{"cursor":"1","schoolId":1,"userIds":[1],"at":"x","payload":{"type":"people.update","personId":1}}]',
  '[{"cursor":1,"schoolId":1,"userIds":[1],"at":"x","payload":{"type":"no.such.event"}}]',
  '{"type":"typing","chatId":1}',
  `"${'\u0000'.repeat(10)}"`,
];

it('drops malformed messages from the Redis bus and goes on delivering good ones', async () => {
  const events: StoredEvent[][] = [];
  const signals: Signal[] = [];
  bus.subscribe((batch) => events.push(batch));
  bus.onSignal((signal) => signals.push(signal));
  for (const text of garbage) {
    await intruder.publish(`${namespace}events`, text);
    await intruder.publish(`${namespace}signals`, text);
  }
  const good: StoredEvent = {
    cursor: 7,
    schoolId: 1,
    userIds: [2],
    at: '2026-09-01T07:00:00.000Z',
    payload: { type: 'people.update', personId: 2 },
  };
  await bus.publish([good]);
  await bus.signal({ type: 'sessions.changed' });
  await expect.poll(() => signals.length).toBe(1);
  await expect.poll(() => events.length).toBe(1);
  expect(events[0]).toEqual([good]);
  expect(signals[0]).toEqual({ type: 'sessions.changed' });
  const dropped = warnings.filter((line) => line.msg === 'dropped a malformed message from the Redis bus');
  expect(dropped).toHaveLength(garbage.length * 2);
  expect(JSON.stringify(warnings)).not.toContain('not json');
});
