import { defaultWorkingHours, type TMessage, type TPendingMessage } from '@parta/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  clearWaiting,
  dropWaiting,
  heldUntil,
  minute,
  noteServerTime,
  noteWaiting,
  serverNow,
  settleWaiting,
  waiting,
} from './hours.js';

const zone = 'Europe/Moscow';

function waitingMessage(clientId: string, deliverAt: string, body = clientId): TPendingMessage {
  return {
    id: 1,
    chatId: 7,
    clientId,
    body,
    replyTo: null,
    reason: 'hours',
    writtenAt: '2026-12-03T18:00:00.000Z',
    deliverAt,
    editedAt: null,
    policies: { edit: true, cancel: true },
  };
}

afterEach(() => {
  vi.useRealTimers();
  clearWaiting();
});

describe('the server’s time', () => {
  it('is the device’s time moved by the difference /api/me showed, and ticks every minute', () => {
    vi.useFakeTimers({ now: new Date('2026-12-03T10:00:00Z') });
    const before = minute.value;
    // The device is eight hours behind the server.
    noteServerTime('2026-12-03T18:00:00Z');
    expect(serverNow().toISOString()).toBe('2026-12-03T18:00:00.000Z');
    vi.advanceTimersByTime(60_000);
    expect(serverNow().toISOString()).toBe('2026-12-03T18:01:00.000Z');
    expect(minute.value).toBeGreaterThan(before + 1);
  });

  it('holds at 21:00 for tomorrow’s 07:30, and nothing inside the hours', () => {
    const evening = new Date('2026-12-03T21:00:00+03:00');
    expect(heldUntil(defaultWorkingHours, zone, evening)?.toISOString()).toBe('2026-12-04T04:30:00.000Z');
    expect(heldUntil(defaultWorkingHours, zone, new Date('2026-12-03T12:00:00+03:00'))).toBeNull();
  });
});

describe('waiting messages', () => {
  it('are kept soonest first, replaced by clientId, and go when cancelled or delivered', () => {
    noteWaiting(waitingMessage('b', '2026-12-07T06:00:00.000Z'));
    noteWaiting(waitingMessage('a', '2026-12-04T04:30:00.000Z'));
    noteWaiting(waitingMessage('b', '2026-12-05T06:00:00.000Z', 'moved'));
    expect(waiting.value.get(7)?.map((item) => [item.clientId, item.body])).toEqual([
      ['a', 'a'],
      ['b', 'moved'],
    ]);
    dropWaiting(7, 'a');
    expect(waiting.value.get(7)?.map((item) => item.clientId)).toEqual(['b']);
    settleWaiting({ chatId: 7, clientId: 'b' } as TMessage);
    expect(waiting.value.has(7)).toBe(false);
  });
});
