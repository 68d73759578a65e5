import { computed, signal } from '@preact/signals';

export type Route =
  | { name: 'chats' }
  | { name: 'chat'; chatId: number }
  | { name: 'people' }
  | { name: 'profile' }
  | { name: 'login' }
  | { name: 'setup' }
  | { name: 'reset'; token: string }
  | { name: 'missing' };

export const path = signal(location.pathname);

/** The screen for the address bar's path. */
export const route = computed<Route>(() => match(path.value));

export function match(pathname: string): Route {
  const parts = pathname.split('/').filter(Boolean);
  const [first, second] = parts;
  if (parts.length === 0 || (parts.length === 1 && first === 'chats')) return { name: 'chats' };
  if (
    parts.length === 1 &&
    (first === 'people' || first === 'profile' || first === 'login' || first === 'setup')
  ) {
    return { name: first };
  }
  if (parts.length === 2 && first === 'chats' && /^\d{1,15}$/.test(second!)) {
    return { name: 'chat', chatId: Number(second) };
  }
  if (parts.length === 2 && first === 'reset') return { name: 'reset', token: second! };
  return { name: 'missing' };
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === location.pathname + location.search) return;
  if (options.replace) history.replaceState(null, '', to);
  else history.pushState({ inApp: true }, '', to);
  path.value = location.pathname;
}

/** Back within the app when there is history, otherwise to `fallback`. */
export function goBack(fallback: string): void {
  if (history.state?.inApp) history.back();
  else navigate(fallback, { replace: true });
}

window.addEventListener('popstate', () => {
  path.value = location.pathname;
});

/** For `<a onClick>`: follow the link inside the app unless the reader asked for a new tab. */
export function followLink(event: MouseEvent, to: string): void {
  if (
    event.defaultPrevented ||
    event.button !== 0 ||
    event.metaKey ||
    event.ctrlKey ||
    event.shiftKey ||
    event.altKey
  ) {
    return;
  }
  event.preventDefault();
  history.pushState({ inApp: true }, '', to);
  path.value = location.pathname;
}
