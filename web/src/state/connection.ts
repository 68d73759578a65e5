import { signal } from '@preact/signals';

/** `connecting` only before the first connection; afterwards `online` or `offline`. */
export const connection = signal<'connecting' | 'online' | 'offline'>('connecting');
/** true for a few seconds after the connection came back, for «Соединение восстановлено» */
export const restored = signal(false);

const RESTORED_SHOWN_MS = 5000;
let wasDown = false;
let timer: ReturnType<typeof setTimeout> | undefined;

export function markDown(): void {
  clearTimeout(timer);
  wasDown = true;
  restored.value = false;
  connection.value = 'offline';
}

export function markLive(): void {
  connection.value = 'online';
  if (!wasDown) return;
  wasDown = false;
  restored.value = true;
  clearTimeout(timer);
  timer = setTimeout(() => {
    restored.value = false;
  }, RESTORED_SHOWN_MS);
}

export function resetConnection(): void {
  clearTimeout(timer);
  wasDown = false;
  restored.value = false;
  connection.value = 'connecting';
}
