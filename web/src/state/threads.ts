import { QUOTE_LENGTH, type TMessage } from '@parta/protocol';
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
  for (const message of b) byId.set(message.id, keepPolicies(message, byId.get(message.id)));
  return [...byId.values()].sort((x, y) => x.id - y.id);
}

/**
 * A live event carries one copy for every reader, without the reader's
 * `policies` (unless they are everyone's): what the server last told this
 * reader about the message stays until it tells them again.
 */
function keepPolicies(next: TMessage, previous: TMessage | undefined): TMessage {
  return next.policies || !previous?.policies ? next : { ...next, policies: previous.policies };
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

/**
 * Who the author is to the reader («мама Миши В., 1А») comes only in answers
 * to one reader, never in a live event: a live message takes it from the
 * author's messages already shown.
 */
export function withAuthorContext(items: readonly TMessage[], message: TMessage): TMessage {
  if (message.authorContext !== undefined) return message;
  const known = items.findLast((item) => item.authorId === message.authorId && item.authorContext != null);
  return known ? { ...message, authorContext: known.authorContext } : message;
}

/** A message from the live stream or a send: added to its chat if that chat is open or was. */
export function addMessage(message: TMessage): void {
  const entry = threads.get(message.chatId);
  if (!entry) return;
  const current = entry.value;
  const known = current.items.find((m) => m.id === message.id);
  // Shown once; a later copy only adds what the reader may do with it (a send answer after its event).
  if (known && (known.policies || !message.policies)) return;
  entry.value = {
    ...current,
    items: mergeMessages(current.items, [withAuthorContext(current.items, message)]),
  };
}

/** Pages back until `messageId` is loaded (a quote, a pin, a search result); false if it is not there. */
export async function loadUntil(chatId: number, messageId: number): Promise<boolean> {
  thread(chatId);
  const entry = threads.get(chatId)!;
  for (;;) {
    const current = entry.value;
    if (current.items.some((m) => m.id === messageId)) return true;
    if (current.status === 'error') return false;
    const first = current.items[0];
    if (current.status === 'ready' && (!current.hasMore || (first && first.id < messageId))) return false;
    if (current.status === 'ready' && !current.loadingOlder) {
      await loadOlder(chatId);
      // A page that failed to come: stop instead of asking again at once.
      if (entry.value.items.length === current.items.length) return false;
    } else {
      await nextChange(entry);
    }
  }
}

function nextChange(entry: Signal<Thread>): Promise<void> {
  return new Promise((resolve) => {
    const before = entry.peek();
    const stop = entry.subscribe((value) => {
      if (value === before) return;
      queueMicrotask(() => stop());
      resolve();
    });
  });
}

/** The message as it is now in place of its old copy, and in the quotes of the replies to it. */
export function replaceMessage(items: readonly TMessage[], message: TMessage): readonly TMessage[] {
  let changed = false;
  const next = items.map((item) => {
    if (item.id === message.id) {
      changed = true;
      // The count this client keeps from `messages.reads` stays: the change's copy may be older or newer.
      return {
        ...keepPolicies(message, item),
        readCount: item.readCount ?? message.readCount,
        authorContext: message.authorContext ?? item.authorContext,
      };
    }
    if (item.replyTo?.id === message.id) {
      changed = true;
      return { ...item, replyTo: quoteOf(message) };
    }
    return item;
  });
  return changed ? next : items;
}

/** How a reply shows the message it answers. */
export function quoteOf(message: TMessage): NonNullable<TMessage['replyTo']> {
  return {
    id: message.id,
    authorName: message.authorName,
    body: message.deletedAt ? '' : message.body.slice(0, QUOTE_LENGTH),
    deleted: message.deletedAt !== null,
  };
}

/**
 * `messages.reads`: someone read the chat from `previousMessageId` (exclusive)
 * to `lastReadMessageId`; each of those messages they did not write has one reader more.
 */
export function countReads(
  items: readonly TMessage[],
  userId: number,
  previousMessageId: number,
  lastReadMessageId: number,
): readonly TMessage[] {
  let changed = false;
  const next = items.map((item) => {
    if (item.id <= previousMessageId || item.id > lastReadMessageId || item.authorId === userId) return item;
    changed = true;
    return { ...item, readCount: (item.readCount ?? 0) + 1 };
  });
  return changed ? next : items;
}

function patchItems(chatId: number, change: (items: readonly TMessage[]) => readonly TMessage[]): void {
  const entry = threads.get(chatId);
  if (!entry) return;
  const current = entry.value;
  const items = change(current.items);
  if (items !== current.items) entry.value = { ...current, items };
}

/** An edit, delete, reaction or pin arrived. */
export function updateMessage(message: TMessage): void {
  patchItems(message.chatId, (items) => replaceMessage(items, message));
}

export function noteReads(
  chatId: number,
  userId: number,
  previousMessageId: number,
  lastReadMessageId: number,
): void {
  patchItems(chatId, (items) => countReads(items, userId, previousMessageId, lastReadMessageId));
}

/** `messages.read_counts`: how many have now read some of my messages. */
export function setReadCounts(
  chatId: number,
  counts: readonly { messageId: number; readCount: number }[],
): void {
  const byId = new Map(counts.map((count) => [count.messageId, count.readCount]));
  patchItems(chatId, (items) =>
    items.some((item) => byId.has(item.id))
      ? items.map((item) => (byId.has(item.id) ? { ...item, readCount: byId.get(item.id)! } : item))
      : items,
  );
}

/** After a resync: every chat seen so far is read again from the server. */
export function reloadThreads(): void {
  for (const chatId of threads.keys()) void loadLatest(chatId);
}

export function clearThreads(): void {
  threads.clear();
}
