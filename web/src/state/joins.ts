import type { Role, TJoinRequest } from '@parta/protocol';
import { computed, signal } from '@preact/signals';
import { api } from '../api/endpoints.js';

/** The requests waiting for this reviewer (admins: all; a class teacher: their classes); null: not loaded. */
export const pendingJoins = signal<readonly TJoinRequest[] | null>(null);
export const pendingJoinsError = signal<unknown>(null);
/** The count on «Заявки» in the bottom bar. */
export const pendingCount = computed(() => pendingJoins.value?.length ?? 0);

/** The reader's own requests to join, newest first; null: not loaded. */
export const myJoins = signal<readonly TJoinRequest[] | null>(null);
export const myJoinsError = signal<unknown>(null);

/**
 * Whether to fetch the review queue at all: the admins and the class
 * teachers (server: joins/policy.ts canReviewJoins). What may be done with
 * each request comes with it (`request.policies`); this last role check goes
 * when /api/me carries the person's abilities (issue #13, item 1).
 */
export function reviews(roles: readonly Role[]): boolean {
  return roles.includes('admin') || roles.includes('class_teacher');
}

let pendingVersion = 0;
let mineVersion = 0;

/** The review queue, fetched again; answers that arrive out of order are dropped. */
export async function loadPendingJoins(roles: readonly Role[]): Promise<void> {
  const version = ++pendingVersion;
  if (!reviews(roles)) {
    pendingJoins.value = null;
    return;
  }
  try {
    const list = await api.pendingJoins();
    if (version !== pendingVersion) return;
    pendingJoins.value = list.requests;
    pendingJoinsError.value = null;
  } catch (error) {
    if (version === pendingVersion) pendingJoinsError.value = error;
  }
}

export async function loadMyJoins(): Promise<void> {
  const version = ++mineVersion;
  try {
    const list = await api.myJoins();
    if (version !== mineVersion) return;
    myJoins.value = list.requests;
    myJoinsError.value = null;
  } catch (error) {
    if (version === mineVersion) myJoinsError.value = error;
  }
}

/**
 * A request was made or decided (`joins.update`): the queue and, when the
 * reader has asked to join or has no place in the school yet, their own list.
 */
export function refreshJoins(roles: readonly Role[]): void {
  void loadPendingJoins(roles);
  if (myJoins.peek() !== null || roles.length === 0) void loadMyJoins();
}

export function clearJoins(): void {
  pendingVersion += 1;
  mineVersion += 1;
  pendingJoins.value = null;
  pendingJoinsError.value = null;
  myJoins.value = null;
  myJoinsError.value = null;
}
