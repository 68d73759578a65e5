import { TYPING_INTERVAL_MS, TYPING_SHOW_MS } from '@parta/protocol';
import { signal } from '@preact/signals';

/** Who is typing in which chat right now: chat id → person id → name. Never stored, never sent on. */
export const typing = signal<ReadonlyMap<number, ReadonlyMap<number, string>>>(new Map());

const timers = new Map<string, ReturnType<typeof setTimeout>>();

function set(chatId: number, userId: number, fullName: string | null): void {
  const next = new Map(typing.value);
  const people = new Map(next.get(chatId) ?? []);
  if (fullName === null) people.delete(userId);
  else people.set(userId, fullName);
  if (people.size === 0) next.delete(chatId);
  else next.set(chatId, people);
  typing.value = next;
}

/** A `typing` frame: shown for TYPING_SHOW_MS unless it comes again. */
export function noteTyping(chatId: number, userId: number, fullName: string): void {
  const key = `${chatId}:${userId}`;
  clearTimeout(timers.get(key));
  if (typing.value.get(chatId)?.get(userId) !== fullName) set(chatId, userId, fullName);
  timers.set(
    key,
    setTimeout(() => {
      timers.delete(key);
      set(chatId, userId, null);
    }, TYPING_SHOW_MS),
  );
}

/** Their message arrived: they are no longer typing it. */
export function stoppedTyping(chatId: number, userId: number): void {
  const key = `${chatId}:${userId}`;
  if (!timers.has(key)) return;
  clearTimeout(timers.get(key));
  timers.delete(key);
  set(chatId, userId, null);
}

export function clearTyping(): void {
  for (const timer of timers.values()) clearTimeout(timer);
  timers.clear();
  typing.value = new Map();
}

/**
 * Calls `send` for a chat at most once every TYPING_INTERVAL_MS while the
 * person keeps typing; `now` is injectable for tests.
 */
export function typingThrottle(send: (chatId: number) => void, now: () => number = Date.now) {
  const lastSent = new Map<number, number>();
  return {
    typed(chatId: number): void {
      const at = now();
      if (at - (lastSent.get(chatId) ?? Number.NEGATIVE_INFINITY) < TYPING_INTERVAL_MS) return;
      lastSent.set(chatId, at);
      send(chatId);
    },
    /** after sending the message: the next keystroke is news again */
    reset(chatId: number): void {
      lastSent.delete(chatId);
    },
  };
}
