import {
  nextOpening,
  type TEditPendingRequest,
  type TMessage,
  type TPendingMessage,
  type TWorkingHours,
} from '@parta/protocol';
import { signal } from '@preact/signals';
import { api } from '../api/endpoints.js';

/**
 * The working hours of study chats on this side: the server's time (the
 * device's clock may be wrong, and «завтра в 07:30» must be the school's
 * tomorrow), and one's own waiting messages — held until the hours open, or
 * scheduled — per chat, kept in step by the live stream.
 */

/** How far the server's clock is ahead of this device's, from the last `/api/me`. */
let offsetMs = 0;
/** Ticks every minute, so what depends on the time is drawn again. */
export const minute = signal(0);
let ticking: ReturnType<typeof setInterval> | undefined;

/** `/api/me` arrived with the server's time: keep the difference, and start the minute tick. */
export function noteServerTime(now: string, receivedAt = Date.now()): void {
  const server = Date.parse(now);
  if (!Number.isNaN(server)) offsetMs = server - receivedAt;
  minute.value += 1;
  if (ticking === undefined) {
    ticking = setInterval(() => {
      minute.value += 1;
    }, 60_000);
    // Outside a browser (the tests of the web's state under Node) the tick keeps no process alive.
    (ticking as { unref?: () => void }).unref?.();
  }
}

/** The server's «now», read through `minute` so a component using it redraws every minute. */
export function serverNow(): Date {
  void minute.value;
  return new Date(Date.now() + offsetMs);
}

/** When a message written now would go: null inside the hours (or when the calendar has no working day). */
export function heldUntil(hours: TWorkingHours, timeZone: string, now: Date): Date | null {
  const opening = nextOpening(hours, timeZone, now);
  return opening && opening.getTime() !== now.getTime() ? opening : null;
}

/** One's own waiting messages, per chat, soonest first. */
export const waiting = signal<ReadonlyMap<number, readonly TPendingMessage[]>>(new Map());

function put(chatId: number, list: readonly TPendingMessage[]): void {
  const next = new Map(waiting.value);
  if (list.length === 0) next.delete(chatId);
  else
    next.set(
      chatId,
      [...list].sort((a, b) => Date.parse(a.deliverAt) - Date.parse(b.deliverAt)),
    );
  waiting.value = next;
}

/** The chats whose waiting messages this tab has asked for. */
const asked = new Set<number>();

/** The chat opened: what waits in it, from the server. */
export async function loadWaiting(chatId: number): Promise<void> {
  asked.add(chatId);
  const { messages } = await api.pendingMessages(chatId);
  put(chatId, messages);
}

/** Events were lost (a long disconnect): what waits in the chats this tab has shown, asked again. */
export function reloadWaiting(): void {
  for (const chatId of asked) void loadWaiting(chatId).catch(() => {});
}

/** Held, edited or moved (the answer to a send, or `messages.pending` from another tab). */
export function noteWaiting(message: TPendingMessage): void {
  const list = waiting.value.get(message.chatId) ?? [];
  put(message.chatId, [...list.filter((item) => item.clientId !== message.clientId), message]);
}

/** Cancelled here or in another tab. */
export function dropWaiting(chatId: number, clientId: string): void {
  const list = waiting.value.get(chatId);
  if (list?.some((item) => item.clientId === clientId)) {
    put(
      chatId,
      list.filter((item) => item.clientId !== clientId),
    );
  }
}

/** Delivered: the waiting bubble gives way to the real message (same clientId). */
export function settleWaiting(message: TMessage): void {
  dropWaiting(message.chatId, message.clientId);
}

export async function editWaiting(message: TPendingMessage, edit: TEditPendingRequest): Promise<void> {
  noteWaiting(await api.editPending(message.chatId, message.clientId, edit));
}

export async function cancelWaiting(message: TPendingMessage): Promise<void> {
  await api.cancelPending(message.chatId, message.clientId);
  dropWaiting(message.chatId, message.clientId);
}

export function clearWaiting(): void {
  asked.clear();
  waiting.value = new Map();
}
