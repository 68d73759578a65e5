import { computed, signal } from '@preact/signals';

export type Route =
  | { name: 'chats' }
  | { name: 'chat'; chatId: number }
  | { name: 'school'; tab: SchoolTab }
  | { name: 'rollover' }
  | { name: 'class'; classId: number }
  | { name: 'person'; personId: number }
  | { name: 'profile' }
  | { name: 'search' }
  | { name: 'login' }
  | { name: 'setup' }
  | { name: 'reset'; token: string }
  | { name: 'invitePrint' }
  | { name: 'join'; token: string }
  | { name: 'slipCode' }
  | { name: 'joins' }
  | { name: 'myJoins' }
  | { name: 'missing' };

/** The tabs of «Школа»: the classes grid, the people, the invites, the school's settings, its working hours. */
export type SchoolTab = 'classes' | 'people' | 'invites' | 'settings' | 'hours';

export const path = signal(location.pathname);

/** The screen for the address bar's path. */
export const route = computed<Route>(() => match(path.value));

const isId = (part: string | undefined) => part !== undefined && /^\d{1,15}$/.test(part);

export function match(pathname: string): Route {
  const parts = pathname.split('/').filter(Boolean);
  const [first, second] = parts;
  if (parts.length === 0 || (parts.length === 1 && first === 'chats')) return { name: 'chats' };
  if (
    parts.length === 1 &&
    (first === 'profile' || first === 'login' || first === 'setup' || first === 'search')
  ) {
    return { name: first };
  }
  if (parts.length === 1 && first === 'school') return { name: 'school', tab: 'classes' };
  // «Люди» lives in «Школа» now; the old address still leads there.
  if (parts.length === 1 && first === 'people') return { name: 'school', tab: 'people' };
  if (
    parts.length === 2 &&
    first === 'school' &&
    (second === 'people' || second === 'invites' || second === 'settings' || second === 'hours')
  ) {
    return { name: 'school', tab: second };
  }
  if (parts.length === 3 && first === 'school' && second === 'invites' && parts[2] === 'print') {
    return { name: 'invitePrint' };
  }
  // The page a parent opens from a QR code, and the requests to join.
  if (parts.length === 2 && first === 'join') return { name: 'join', token: second! };
  // Typed from a printed slip: `/join` asks for the code; `/j/K7M-4PX-AT9` is the code in the address.
  if (parts.length === 1 && first === 'join') return { name: 'slipCode' };
  if (parts.length === 2 && first === 'j') return { name: 'join', token: slipToken(second!) };
  if (parts.length === 1 && first === 'joins') return { name: 'joins' };
  if (parts.length === 2 && first === 'joins' && second === 'mine') return { name: 'myJoins' };
  if (parts.length === 2 && first === 'school' && second === 'rollover') return { name: 'rollover' };
  if (parts.length === 2 && first === 'chats' && isId(second))
    return { name: 'chat', chatId: Number(second) };
  if (parts.length === 2 && first === 'classes' && isId(second)) {
    return { name: 'class', classId: Number(second) };
  }
  if (parts.length === 2 && first === 'people' && isId(second)) {
    return { name: 'person', personId: Number(second) };
  }
  if (parts.length === 2 && first === 'reset') return { name: 'reset', token: second! };
  return { name: 'missing' };
}

/** A code typed into the address bar, as the join page sends it (Cyrillic letters are escaped there). */
function slipToken(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
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
