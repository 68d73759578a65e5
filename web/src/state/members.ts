import { signal } from '@preact/signals';
import { api } from '../api/endpoints.js';

export interface Member {
  id: number;
  fullName: string;
  role: 'owner' | 'member';
  /** who a parent is, for staff («мама Миши В., 1А») */
  context?: string | null | undefined;
}

/** The members of chats someone began to mention in, asked once per chat and opening. */
export const members = signal<ReadonlyMap<number, readonly Member[]>>(new Map());
const asked = new Set<number>();

export function loadMembers(chatId: number): void {
  if (asked.has(chatId)) return;
  asked.add(chatId);
  api.members(chatId).then(
    (list) => {
      const next = new Map(members.value);
      next.set(chatId, list.members);
      members.value = next;
    },
    () => asked.delete(chatId),
  );
}

/** Someone joined or left: the list is asked again next time. */
export function forgetMembers(chatId: number): void {
  asked.delete(chatId);
  if (!members.value.has(chatId)) return;
  const next = new Map(members.value);
  next.delete(chatId);
  members.value = next;
}

export function clearMembers(): void {
  asked.clear();
  members.value = new Map();
}
