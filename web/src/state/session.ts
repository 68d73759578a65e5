import type { TMe } from '@parta/protocol';
import { computed, signal } from '@preact/signals';
import { api } from '../api/endpoints.js';
import { ApiError, configureHttp } from '../api/http.js';
import { navigate } from '../router.js';
import { forgetDevice, startSync, stopSync } from './sync.js';

export const me = signal<TMe | null>(null);
/** What the app can show: the first-run wizard, the login page, or the app itself. */
export const phase = signal<'starting' | 'setup' | 'signed-out' | 'signed-in' | 'unreachable'>('starting');
export const isAdmin = computed(() => me.value?.roles.includes('admin') ?? false);
export const canCreateChats = computed(() =>
  (me.value?.roles ?? []).some((role) => role === 'admin' || role === 'administration'),
);
/** «Школа», the classes grid: the admin builds it, the administration oversees it. */
export const canSeeSchool = canCreateChats;
/** Staff see person cards (names, roles, classes); families do not. */
export const isStaff = computed(() =>
  (me.value?.roles ?? []).some((role) => role !== 'parent' && role !== 'student'),
);
/** A class teacher who is neither: «Мой класс» instead of the whole school. */
export const leadsClassOnly = computed(
  () => !canSeeSchool.value && (me.value?.roles.includes('class_teacher') ?? false),
);

export async function start(): Promise<void> {
  phase.value = 'starting';
  try {
    const [setup, current] = await Promise.all([
      api.setupStatus(),
      api.me().catch((error: unknown) => {
        if (error instanceof ApiError && error.code === 'auth.required') return null;
        throw error;
      }),
    ]);
    if (setup.needed) phase.value = 'setup';
    else if (current) signIn(current);
    else phase.value = 'signed-out';
  } catch {
    phase.value = 'unreachable';
  }
}

export function signIn(next: TMe): void {
  configureHttp({ csrfToken: next.csrfToken });
  me.value = next;
  phase.value = 'signed-in';
  startSync(next, sessionEnded);
}

/** The server no longer knows this session (expired, ended elsewhere). */
export function sessionEnded(): void {
  if (phase.value !== 'signed-in') return;
  stopSync();
  configureHttp({ csrfToken: null });
  me.value = null;
  phase.value = 'signed-out';
}

export async function signOut(): Promise<void> {
  try {
    await api.logout();
  } catch {
    // Logged out here anyway; the server forgets the session when it expires.
  }
  forgetDevice();
  configureHttp({ csrfToken: null });
  me.value = null;
  phase.value = 'signed-out';
  navigate('/login', { replace: true });
}
