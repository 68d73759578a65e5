import type { TMessage } from '@parta/protocol';
import { type Signal, signal } from '@preact/signals';
import { api } from '../api/endpoints.js';

export interface Thread {
  /** confirmed messages, oldest first, each once */
  items: readonly TMessage[];
  hasMore: boolean;
  status: 'loading' | 'ready' | 'error';
  error: unknown;
  loadingOlder: boolean;
}

const PAGE = 50;
const threads = new Map<number, Signal<Thread>>();

/** Union by id, oldest first: the same message from a page, an event and a send answer is kept once. */
export function mergeMessages(a: readonly TMessage[], b: readonly TMessage[]): TMessage[] {
  const byId = new Map<number, TMessage>();
  for (const message of a) byId.set(message.id, message);
  for (const message of b) byId.set(message.id, message);
  return [...byId.values()].sort((x, y) => x.id - y.id);
}

/** The chat's messages; the newest page is loaded the first time it is asked for. */
export function thread(chatId: number): Signal<Thread> {
  let entry = threads.get(chatId);
  if (!entry) {
    entry = signal<Thread>({
      items: [],
      hasMore: false,
      status: 'loading',
      error: null,
      loadingOlder: false,
    });
    threads.set(chatId, entry);
    void loadLatest(chatId);
  }
  return entry;
}

export async function loadLatest(chatId: number): Promise<void> {
  const entry = threads.get(chatId);
  if (!entry) return;
  if (entry.value.status === 'error') entry.value = { ...entry.value, status: 'loading', error: null };
  try {
    const page = await api.messages(chatId, undefined, PAGE);
    const current = entry.value;
    // Messages that arrived live while the page was on its way are kept; older history is read again on scroll.
    const lastId = page.messages.at(-1)?.id ?? 0;
    const items = mergeMessages(
      page.messages,
      current.items.filter((m) => m.id > lastId),
    );
    entry.value = { ...current, items, hasMore: page.hasMore, status: 'ready', error: null };
  } catch (error) {
    if (entry.value.status !== 'ready') entry.value = { ...entry.value, status: 'error', error };
  }
}

export async function loadOlder(chatId: number): Promise<void> {
  const entry = threads.get(chatId);
  const current = entry?.value;
  if (!entry || !current || current.status !== 'ready' || !current.hasMore || current.loadingOlder) return;
  entry.value = { ...current, loadingOlder: true };
  try {
    const page = await api.messages(chatId, current.items[0]?.id, PAGE);
    const latest = entry.value;
    entry.value = {
      ...latest,
      items: mergeMessages(page.messages, latest.items),
      hasMore: page.hasMore,
      loadingOlder: false,
    };
  } catch {
    entry.value = { ...entry.value, loadingOlder: false };
  }
}

/** A message from the live stream or a send: added to its chat if that chat is open or was. */
export function addMessage(message: TMessage): void {
  const entry = threads.get(message.chatId);
  if (!entry) return;
  const current = entry.value;
  if (current.items.some((m) => m.id === message.id)) return;
  entry.value = { ...current, items: mergeMessages(current.items, [message]) };
}

/** After a resync: every chat seen so far is read again from the server. */
export function reloadThreads(): void {
  for (const chatId of threads.keys()) void loadLatest(chatId);
}

export function clearThreads(): void {
  threads.clear();
}
