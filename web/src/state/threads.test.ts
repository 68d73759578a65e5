import type { TMessage } from '@parta/protocol';
import { describe, expect, it } from 'vitest';
import { mergeMessages } from './threads.js';

const message = (id: number, body = `m${id}`): TMessage => ({
  id,
  chatId: 1,
  authorId: 1,
  authorName: 'Галиева Алсу Ринатовна',
  clientId: `00000000-0000-4000-8000-${String(id).padStart(12, '0')}`,
  body,
  createdAt: new Date(Date.UTC(2025, 11, 12, 7, id)).toISOString(),
});

describe('mergeMessages', () => {
  it('keeps each message once, oldest first, whatever way it arrived', () => {
    const page = [message(1), message(2), message(3)];
    const live = [message(3), message(5), message(4)];
    expect(mergeMessages(page, live).map((m) => m.id)).toEqual([1, 2, 3, 4, 5]);
  });

  it('prefers the later copy of the same message', () => {
    expect(mergeMessages([message(1, 'old')], [message(1, 'new')])[0]!.body).toBe('new');
  });
});
