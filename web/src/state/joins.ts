import type { TJoinRequest, TMePolicies } from '@parta/protocol';
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

let pendingVersion = 0;
let mineVersion = 0;

/**
 * The review queue, fetched again, for someone who reviews requests
 * (`me.policies.reviewJoins`); answers that arrive out of order are dropped.
 * What may be done with each request comes with it (`request.policies`).
 */
export async function loadPendingJoins(mayReview: boolean): Promise<void> {
  const version = ++pendingVersion;
  if (!mayReview) {
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
export function refreshJoins(policies: Pick<TMePolicies, 'reviewJoins' | 'applicant'>): void {
  void loadPendingJoins(policies.reviewJoins);
  if (myJoins.peek() !== null || policies.applicant) void loadMyJoins();
}

export function clearJoins(): void {
  pendingVersion += 1;
  mineVersion += 1;
  pendingJoins.value = null;
  pendingJoinsError.value = null;
  myJoins.value = null;
  myJoinsError.value = null;
}
