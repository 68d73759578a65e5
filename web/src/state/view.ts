import { signal } from '@preact/signals';

/** The chat on screen and whether its newest message is in view. */
export const viewing = signal<{ chatId: number; atBottom: boolean } | null>(null);
export const pageVisible = signal(document.visibilityState === 'visible');

document.addEventListener('visibilitychange', () => {
  pageVisible.value = document.visibilityState === 'visible';
});

/** The reader is looking at the newest messages of this chat right now. */
export function isReading(chatId: number): boolean {
  const view = viewing.peek();
  return pageVisible.peek() && view?.chatId === chatId && view.atBottom;
}

/** A message to show in its chat (a quote, a pin, a search result); `seq` repeats a jump to the same one. */
export const jumpTo = signal<{ chatId: number; messageId: number; seq: number } | null>(null);
let jumps = 0;

export function jumpToMessage(chatId: number, messageId: number): void {
  jumps += 1;
  jumpTo.value = { chatId, messageId, seq: jumps };
}
