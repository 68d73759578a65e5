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
