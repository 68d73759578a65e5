import { TYPING_INTERVAL_MS, TYPING_SHOW_MS } from '@parta/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clearTyping, noteTyping, stoppedTyping, typing, typingThrottle } from './typing.js';

describe('typingThrottle', () => {
  it('sends at most once per interval while typing, and again after a send', () => {
    let now = 0;
    const sent: number[] = [];
    const throttle = typingThrottle(
      (chatId) => sent.push(chatId),
      () => now,
    );
    throttle.typed(1);
    now += 100;
    throttle.typed(1);
    throttle.typed(2);
    now += TYPING_INTERVAL_MS - 100;
    throttle.typed(1);
    throttle.reset(2);
    throttle.typed(2);
    expect(sent).toEqual([1, 2, 1, 2]);
  });
});

describe('who is typing', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    clearTyping();
    vi.useRealTimers();
  });

  it('shows a name for TYPING_SHOW_MS after the last frame', () => {
    noteTyping(5, 7, 'Иванова Мария Петровна');
    vi.advanceTimersByTime(TYPING_SHOW_MS - 1000);
    noteTyping(5, 7, 'Иванова Мария Петровна');
    vi.advanceTimersByTime(TYPING_SHOW_MS - 1000);
    expect([...(typing.value.get(5)?.values() ?? [])]).toEqual(['Иванова Мария Петровна']);
    vi.advanceTimersByTime(1000);
    expect(typing.value.has(5)).toBe(false);
  });

  it('forgets the name when their message arrives', () => {
    noteTyping(5, 7, 'Иванова Мария Петровна');
    noteTyping(5, 8, 'Петров Олег');
    stoppedTyping(5, 7);
    expect([...(typing.value.get(5)?.values() ?? [])]).toEqual(['Петров Олег']);
  });
});
