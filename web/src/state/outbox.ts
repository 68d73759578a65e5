import type { TMessage } from '@parta/protocol';
import { signal } from '@preact/signals';
import { api, isWaiting } from '../api/endpoints.js';
import { ApiError, isTransient } from '../api/http.js';
import { noteWaiting } from './hours.js';

/** A message written here and not yet acknowledged by the server. */
export interface Pending {
  /** generated once; every retry sends the same one, so the server stores the message once */
  clientId: string;
  chatId: number;
  body: string;
  createdAt: string;
  failed: { code: string; message: string } | null;
  /** the server asked to wait (too many messages at once): its words, shown until the message goes */
  held?: string | null;
  /** the message it answers, as shown above it until the server's copy comes */
  replyTo?: TMessage['replyTo'];
}

export const outbox = signal<readonly Pending[]>([]);

const MAX_RETRY_MS = 30_000;
let storageKey: string | null = null;
let delivered: (message: TMessage) => void = () => {};
let flushing = false;
let again = false;
let attempt = 0;
let retryTimer: ReturnType<typeof setTimeout> | undefined;

function save(next: readonly Pending[]): void {
  outbox.value = next;
  if (!storageKey) return;
  try {
    if (next.length === 0) localStorage.removeItem(storageKey);
    else localStorage.setItem(storageKey, JSON.stringify(next));
  } catch {
    // Private mode or a full disk: the outbox still works for this page.
  }
}

/** Picks up what this person left unsent on this device (a reload, a closed tab). */
export function openOutbox(userId: number, onDelivered: (message: TMessage) => void): void {
  storageKey = `parta.outbox.${userId}`;
  delivered = onDelivered;
  let saved: Pending[] = [];
  try {
    saved = JSON.parse(localStorage.getItem(storageKey) ?? '[]') as Pending[];
  } catch {
    saved = [];
  }
  outbox.value = Array.isArray(saved) ? saved : [];
  void flush();
}

/** On logging out: nothing of this person stays on a shared computer. */
export function closeOutbox(): void {
  clearTimeout(retryTimer);
  if (storageKey) localStorage.removeItem(storageKey);
  storageKey = null;
  outbox.value = [];
}

export function enqueue(chatId: number, body: string, replyTo: TMessage['replyTo'] = null): void {
  const item: Pending = {
    clientId: crypto.randomUUID(),
    chatId,
    body,
    createdAt: new Date().toISOString(),
    failed: null,
    replyTo,
  };
  save([...outbox.value, item]);
  void flush();
}

/** The server's copy arrived (send answer or live event): the pending one goes away. */
export function settle(message: TMessage): void {
  if (outbox.value.some((p) => p.clientId === message.clientId)) {
    save(outbox.value.filter((p) => p.clientId !== message.clientId));
  }
}

/**
 * A message sent from a dialog (scheduled, or urgent with its reason), or
 * one with files: not through the outbox, so a refusal (a closed hour, no
 * right to urgency, no connection) is said where the choice can be changed.
 */
export async function sendNow(
  chatId: number,
  body: string,
  extra: { sendAt?: string; urgentReason?: string; replyTo?: TMessage['replyTo']; attachmentIds?: number[] },
): Promise<void> {
  const answer = await api.postMessage(chatId, {
    clientId: crypto.randomUUID(),
    body,
    ...(extra.replyTo ? { replyToId: extra.replyTo.id } : {}),
    ...(extra.sendAt ? { sendAt: extra.sendAt } : {}),
    ...(extra.urgentReason ? { urgentReason: extra.urgentReason } : {}),
    ...(extra.attachmentIds?.length ? { attachmentIds: extra.attachmentIds } : {}),
  });
  if (isWaiting(answer)) noteWaiting(answer);
  else delivered(answer);
}

export function retry(clientId: string): void {
  save(outbox.value.map((p) => (p.clientId === clientId ? { ...p, failed: null } : p)));
  attempt = 0;
  void flush();
}

export function discard(clientId: string): void {
  save(outbox.value.filter((p) => p.clientId !== clientId));
}

/** Sends what is pending, oldest first; stops at the first network failure and tries again later. */
export async function flush(): Promise<void> {
  if (flushing) {
    again = true;
    return;
  }
  flushing = true;
  clearTimeout(retryTimer);
  try {
    for (const item of outbox.value.filter((p) => !p.failed)) {
      if (!outbox.value.some((p) => p.clientId === item.clientId)) continue;
      try {
        const answer = await api.postMessage(item.chatId, {
          clientId: item.clientId,
          body: item.body,
          ...(item.replyTo ? { replyToId: item.replyTo.id } : {}),
        });
        attempt = 0;
        if (isWaiting(answer)) {
          // Outside the working hours: it waits on the server now, shown as such until it goes.
          save(outbox.value.filter((p) => p.clientId !== item.clientId));
          noteWaiting(answer);
          continue;
        }
        settle(answer);
        delivered(answer);
      } catch (error) {
        if (error instanceof ApiError && error.code === 'rate.limited') {
          // Nothing was stored: say why, and send it (and what follows) when the server allows.
          save(outbox.value.map((p) => (p.clientId === item.clientId ? { ...p, held: error.message } : p)));
          retryAfter((error.retryAfterSeconds ?? 1) * 1000);
          return;
        }
        if (isTransient(error)) {
          scheduleRetry();
          return;
        }
        if (error instanceof ApiError && error.code === 'auth.required') return;
        const failed = error instanceof ApiError ? { code: error.code, message: error.message } : null;
        save(
          outbox.value.map((p) =>
            p.clientId === item.clientId
              ? { ...p, failed: failed ?? { code: 'client', message: String(error) } }
              : p,
          ),
        );
      }
    }
  } finally {
    flushing = false;
    if (again) {
      again = false;
      void flush();
    }
  }
}

function scheduleRetry(): void {
  retryAfter(Math.min(MAX_RETRY_MS, 2000 * 2 ** attempt));
  attempt += 1;
}

function retryAfter(delayMs: number): void {
  clearTimeout(retryTimer);
  retryTimer = setTimeout(() => void flush(), delayMs);
}

window.addEventListener('online', () => {
  attempt = 0;
  void flush();
});
